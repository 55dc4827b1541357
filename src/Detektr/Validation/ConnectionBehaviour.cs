using System.Globalization;
using Detektr.Detonation;
using Detektr.Events;

namespace Detektr.Validation;

/// <summary>An outgoing connection (<c>network_connection</c>) to a host pattern (matched against the
/// resolved host name and the address), a port, a protocol. Datagrams to the resolver on port 53 are DNS
/// and only count when port 53 is asked for. When a host is named, a DNS question for it that led to no
/// connection is an attempt too (outcome <c>unresolved</c>): in network mode none a lookup fails before any
/// connect.</summary>
public sealed record ConnectionBehaviour : Behaviour
{
    /// <summary>The outcome of a name that was asked for but never connected to.</summary>
    public const string Unresolved = "unresolved";

    /// <summary>Pattern for the destination host name or address.</summary>
    public WildcardPattern? Host { get; init; }

    /// <summary>The destination port.</summary>
    public int? Port { get; init; }

    /// <summary><c>tcp</c>, <c>udp</c>, ...</summary>
    public string? Protocol { get; init; }

    /// <summary>Pattern for the connecting image.</summary>
    public WildcardPattern? Image { get; init; }

    /// <inheritdoc />
    public override string Kind => "connection";

    /// <inheritdoc />
    public override string Describe()
    {
        var target = (Host?.Text ?? "*") + ":" + (Port?.ToString(CultureInfo.InvariantCulture) ?? "*");
        var text = Protocol is null ? $"connection to {target}" : $"connection to {target}/{Protocol}";
        return Image is null ? text : $"{text} by {Image}";
    }

    /// <inheritdoc />
    public override IReadOnlyList<Observation> Observe(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var observations = new List<(long Sequence, Observation Observation)>();
        var connectedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in run.Events.OfType<NetworkConnectionEvent>())
        {
            if (Port is null && e.DestinationPort == 53 && e.Protocol == "udp")
            {
                continue;
            }

            if ((Port is null || e.DestinationPort == Port) &&
                (Protocol is null || string.Equals(e.Protocol, Protocol, StringComparison.OrdinalIgnoreCase)) &&
                (Image?.IsMatch(e.Image) ?? true) &&
                (Host is null || Host.IsMatch(e.DestinationIp) || (e.DestinationHostname is { } name && Host.IsMatch(name))))
            {
                var host = e.DestinationHostname is { } hostname ? $"{hostname} ({e.DestinationIp})" : e.DestinationIp;
                observations.Add((e.Sequence.Value, new Observation([e.Sequence.Value],
                    $"{e.Protocol} {host}:{e.DestinationPort} by {e.Image} ({e.Outcome})", e.Outcome)));
                if (e.DestinationHostname is { } connected)
                {
                    connectedNames.Add(connected);
                }
            }
        }

        if (Host is not null)
        {
            var protocolAllowsDns = Protocol is null || Protocol is "tcp" or "udp";
            foreach (var query in run.Events.OfType<DnsQueryEvent>())
            {
                if (protocolAllowsDns && Host.IsMatch(query.QueryName) && !connectedNames.Contains(query.QueryName) &&
                    (Image is null || (query.Image is { } image && Image.IsMatch(image))))
                {
                    // One attempt per name: A and AAAA questions for the same name are one lookup.
                    connectedNames.Add(query.QueryName);
                    observations.Add((query.Sequence.Value, new Observation([query.Sequence.Value],
                        $"{query.QueryName} looked up ({query.QueryResults ?? "no answer"}) but never connected to", Unresolved)));
                }
            }
        }

        return observations.OrderBy(o => o.Sequence).Select(o => o.Observation).ToList();
    }
}
