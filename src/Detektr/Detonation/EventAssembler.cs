using Detektr.Events;
using Detektr.Network;
using Detektr.Runs;
using Detektr.Sensors.Strace;

namespace Detektr.Detonation;

/// <summary>Joins what the sensor saw leave the processes with what the sink saw arrive: DNS queries get
/// their answers, connections get their source port, hostname and (for non-blocking connects) their
/// outcome, HTTP requests get the process that sent them. The result is ordered by time.</summary>
internal static class EventAssembler
{
    // The sink timestamps arrival after the connect() entry the sensor timestamps.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(50);

    private sealed record Resolution(DateTimeOffset Time, long? ProcessId, string Name, IReadOnlyList<string> Answers);

    public static List<DetektrEvent> Assemble(RunId runId, StraceAnalysis? analysis, IReadOnlyList<NetworkRecord> sink)
    {
        var events = new List<DetektrEvent>();
        if (analysis is not null)
        {
            events.AddRange(analysis.Events);
        }

        var resolutions = new List<Resolution>();
        var sinkQueries = sink.Where(r => r.Kind == "dns").ToList();
        var usedQueries = new HashSet<NetworkRecord>(ReferenceEqualityComparer.Instance);
        foreach (var send in analysis?.DnsSends ?? [])
        {
            var answer = sinkQueries.FirstOrDefault(r => !usedQueries.Contains(r) && r.QueryId == send.Question.Id &&
                                                         r.QueryName == send.Question.Name && r.QueryType == send.Question.TypeName);
            IReadOnlyList<string> answers = [];
            if (answer is not null)
            {
                usedQueries.Add(answer);
                answers = answer.Answers ?? [];
            }

            resolutions.Add(new Resolution(send.Time, send.ProcessId, send.Question.Name, answers));
            events.Add(new DnsQueryEvent
            {
                RunId = runId,
                UtcTime = send.Time,
                QueryName = send.Question.Name,
                QueryType = send.Question.TypeName,
                QueryResults = answers.Count == 0 ? null : string.Join(';', answers),
                Image = send.Image,
                ProcessId = send.ProcessId,
            });
        }

        foreach (var query in sinkQueries.Where(q => !usedQueries.Contains(q)))
        {
            resolutions.Add(new Resolution(query.Time, null, query.QueryName ?? string.Empty, query.Answers ?? []));
            events.Add(new DnsQueryEvent
            {
                RunId = runId,
                UtcTime = query.Time,
                QueryName = query.QueryName ?? string.Empty,
                QueryType = query.QueryType,
                QueryResults = query.Answers is { Count: > 0 } a ? string.Join(';', a) : null,
            });
        }

        var arrivals = sink.Where(r => r.Kind is "tcp" or "udp" or "dns").OrderBy(r => r.Time).ToList();
        var usedArrivals = new HashSet<NetworkRecord>(ReferenceEqualityComparer.Instance);
        var senders = new Dictionary<(string, int), (string Image, long ProcessId)>();
        foreach (var attempt in (analysis?.Connections ?? []).OrderBy(c => c.Time))
        {
            var arrival = arrivals.FirstOrDefault(r => !usedArrivals.Contains(r) &&
                                                       r.DestinationIp == attempt.DestinationIp &&
                                                       r.DestinationPort == attempt.DestinationPort &&
                                                       Matches(attempt.Protocol, r.Kind) &&
                                                       r.Time >= attempt.Time - ClockSlack);
            var outcome = attempt.Outcome;
            if (arrival is not null)
            {
                usedArrivals.Add(arrival);
                senders[(arrival.SourceIp, arrival.SourcePort)] = (attempt.Image, attempt.ProcessId);
                if (outcome == "in_progress")
                {
                    outcome = "success";
                }
            }

            // A resolver's own address is not the name it resolves, even when the sink answers with it.
            var hostname = attempt.DestinationPort == SinkholeAddressing.DnsPort ? null : resolutions
                .Where(r => r.Time <= attempt.Time && r.Answers.Contains(attempt.DestinationIp))
                .OrderByDescending(r => r.ProcessId == attempt.ProcessId)
                .ThenByDescending(r => r.Time)
                .Select(r => r.Name)
                .FirstOrDefault();
            events.Add(new NetworkConnectionEvent
            {
                RunId = runId,
                UtcTime = attempt.Time,
                Protocol = attempt.Protocol,
                SourceIp = arrival?.SourceIp,
                SourcePort = arrival?.SourcePort,
                DestinationIp = attempt.DestinationIp,
                DestinationPort = attempt.DestinationPort,
                DestinationHostname = hostname,
                Outcome = outcome,
                Image = attempt.Image,
                ProcessId = attempt.ProcessId,
            });
        }

        foreach (var request in sink.Where(r => r.Kind == "http"))
        {
            var sender = senders.TryGetValue((request.SourceIp, request.SourcePort), out var known) ? known : ((string Image, long ProcessId)?)null;
            events.Add(new HttpRequestEvent
            {
                RunId = runId,
                UtcTime = request.Time,
                Method = request.Method ?? string.Empty,
                Host = request.Host ?? string.Empty,
                Path = request.Path ?? string.Empty,
                Headers = request.Headers ?? new Dictionary<string, string>(StringComparer.Ordinal),
                SourceIp = request.SourceIp,
                SourcePort = request.SourcePort,
                DestinationIp = request.DestinationIp,
                DestinationPort = request.DestinationPort,
                Image = sender?.Image,
                ProcessId = sender?.ProcessId,
            });
        }

        return events.OrderBy(e => e.UtcTime).ToList();
    }

    private static bool Matches(string protocol, string kind) => protocol switch
    {
        "tcp" => kind == "tcp",
        "udp" => kind is "udp" or "dns",
        _ => false,
    };
}
