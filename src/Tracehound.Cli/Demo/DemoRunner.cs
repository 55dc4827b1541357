using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tracehound.AspNetCore;
using Tracehound.AspNetCore.Admin;
using Tracehound.Ledger;
using Tracehound.Samples.Api;
using Tracehound.Storage;

namespace Tracehound.Cli.Demo;

/// <summary>
/// Starts the sample API with Tracehound in front on a free loopback port, replays the corpus from the
/// loopback addresses it names (a trusted WAF at one, clients at others: Linux routes all of
/// 127.0.0.0/8 to loopback, so nothing leaves the machine), then stops the API and verifies the data
/// directory as an auditor would.
/// </summary>
internal sealed class DemoRunner(DemoCorpus corpus, string dataDirectory)
{
    private readonly byte[] _macKey = RandomNumberGenerator.GetBytes(32);
    private readonly string _adminToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    /// <summary>The admin bearer token of this run (for <c>tracehound watch</c> during <c>--serve</c>).</summary>
    public string AdminToken => _adminToken;

    /// <summary>Runs the demo; <paramref name="serve"/>, when given, is awaited after the replay while the API keeps running.</summary>
    public async Task<DemoReport> RunAsync(IProgress<int>? progress, Func<Uri, string, CancellationToken, Task>? serve, CancellationToken cancellationToken)
    {
        var settings = corpus.Settings;
        var options = new SampleApiOptions
        {
            Url = "http://127.0.0.1:0",
            DataDirectory = dataDirectory,
            ConfigureLogging = logging => logging.ClearProviders(),
        };
        var configuration = options.Configuration;
        configuration["Tracehound:UpstreamSignal:TrustedProxies:0"] = settings.Proxy;
        configuration["Tracehound:UpstreamSignal:HmacKey"] = Convert.ToBase64String(_macKey);
        configuration["Tracehound:Admin:Enabled"] = "true";
        configuration["Tracehound:Admin:Token"] = _adminToken;
        configuration["Tracehound:RateLimit:MaxRequests"] = settings.RateLimitMaxRequests.ToString(CultureInfo.InvariantCulture);
        configuration["Tracehound:RateLimit:Window"] = TimeSpan.FromSeconds(settings.RateLimitWindowSeconds).ToString("c", CultureInfo.InvariantCulture);
        configuration["Tracehound:RateLimit:BlockDuration"] = TimeSpan.FromSeconds(settings.RateLimitWindowSeconds).ToString("c", CultureInfo.InvariantCulture);
        configuration["Tracehound:Quarantine:MaxItems"] = settings.QuarantineMaxItems.ToString(CultureInfo.InvariantCulture);
        configuration["Tracehound:Payload:MaxBytes"] = settings.PayloadMaxBytes.ToString(CultureInfo.InvariantCulture);

        var results = new List<DemoResult>(corpus.Total);
        StatsDocument stats;
        Uri baseAddress;
        var api = await SampleApi.StartAsync(options, cancellationToken).ConfigureAwait(false);
        await using (api.ConfigureAwait(false))
        {
            baseAddress = api.BaseAddress;
            try
            {
                foreach (var request in corpus.Requests)
                {
                    for (var i = 0; i < request.Repeat; i++)
                    {
                        results.Add(await SendAsync(baseAddress, request, results.Count, cancellationToken).ConfigureAwait(false));
                        progress?.Report(results.Count);
                    }
                }

                var admin = Client(baseAddress, "127.0.0.1");
                using var statsRequest = new HttpRequestMessage(HttpMethod.Get, "tracehound/stats");
                statsRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
                using var statsResponse = await admin.SendAsync(statsRequest, cancellationToken).ConfigureAwait(false);
                statsResponse.EnsureSuccessStatusCode();
                stats = (await statsResponse.Content.ReadFromJsonAsync(AdminJsonContext.Default.StatsDocument, cancellationToken).ConfigureAwait(false))!;
                if (serve is not null)
                {
                    await serve(new Uri(baseAddress, "tracehound"), _adminToken, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                foreach (var client in _clients.Values)
                {
                    client.Dispose();
                }

                _clients.Clear();
            }
        }

        // The API is stopped: its storage has drained, signed a last checkpoint and closed. Verify as an auditor would.
        var ledgerReport = LedgerVerifier.Verify(dataDirectory, cancellationToken: cancellationToken);
        EvidenceVerificationReport evidenceReport;
        using (var ledger = LedgerStore.Open(dataDirectory, new LedgerStoreOptions { ReadOnly = true }))
        {
            evidenceReport = EvidenceVerifier.Verify(dataDirectory, ledger);
        }

        var checkpoint = ledgerReport.LatestCheckpoint;
        var failure = ledgerReport.Failure?.ToString() ?? evidenceReport.Failure?.ToString();
        return new DemoReport(
            dataDirectory,
            baseAddress,
            results,
            stats,
            ledgerReport.Head.Size.Value,
            checkpoint?.ToString(),
            checkpoint?.Checkpoint.Head.Size.Value ?? 0,
            checkpoint?.Checkpoint.Head.RootHash.ToString(),
            ledgerReport.IsIntact,
            evidenceReport.IsIntact,
            evidenceReport.Checked,
            failure);
    }

    private async Task<DemoResult> SendAsync(Uri baseAddress, DemoRequest request, int index, CancellationToken cancellationToken)
    {
        var from = request.Via == "proxy" ? corpus.Settings.Proxy : request.Client!;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.TrimStart('/'));
        if (request.Body is { } body)
        {
            var json = (JsonObject)body.DeepClone();
            if (request.Pad is { } pad)
            {
                json[pad.Field] = new string(pad.Char[0], pad.Bytes);
            }

            message.Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json");
        }

        message.Headers.UserAgent.ParseAdd("tracehound-demo/1.0");
        if (request.Signal is { } signal)
        {
            message.Headers.Add("X-Threat-Category", signal.Category);
            message.Headers.Add("X-Threat-Severity", signal.Severity);
            message.Headers.Add("X-Threat-Rule-Id", signal.Rule);
            var target = new Uri(baseAddress, request.Path.TrimStart('/')).PathAndQuery;
            var mac = UpstreamSignalMac.Compute(_macKey, request.Method, target, signal.Category, signal.Severity, signal.Rule);
            message.Headers.Add("X-Threat-Mac", request.Mac == "invalid" ? new string('0', mac.Length) : mac);
        }

        using var response = await Client(baseAddress, from).SendAsync(message, cancellationToken).ConfigureAwait(false);
        string? problemType = null;
        string? signature = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            problemType = problem.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
            signature = problem.RootElement.TryGetProperty("signature", out var sig) ? sig.GetString() : null;
        }

        var expected = DemoOutcomes.Parse(request.Expect);
        var actual = DemoOutcomes.Classify(response.StatusCode, problemType);
        return new DemoResult(index, request.Group, request.Method, request.Path, from, expected, actual, (int)response.StatusCode, signature);
    }

    private HttpClient Client(Uri baseAddress, string from)
    {
        if (_clients.TryGetValue(from, out var existing))
        {
            return existing;
        }

        var local = IPAddress.Parse(from);
        var handler = new SocketsHttpHandler
        {
            // Each simulated client connects from its own loopback address, which is what Tracehound sees.
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _clients[from] = client;
        return client;
    }
}
