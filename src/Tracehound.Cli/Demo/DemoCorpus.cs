using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tracehound.Cli.Demo;

/// <summary>
/// The bundled traffic the demo replays (<c>Demo/corpus.json</c>, embedded): benign requests from many
/// clients, attacks flagged by a trusted WAF across categories and severities, threats flagged by the
/// application itself, replays of known threats, forged signal headers, a bad MAC, oversize bodies and a
/// flood from one source, each with the outcome it must have.
/// </summary>
internal sealed record DemoCorpus(string Name, int Version, DemoSettings Settings, IReadOnlyList<DemoRequest> Requests)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Requests sent in all, counting repeats.</summary>
    public int Total => Requests.Sum(r => r.Repeat);

    public static DemoCorpus LoadBundled()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tracehound.Cli.Demo.corpus.json")
            ?? throw new InvalidOperationException("the demo corpus is not embedded in this build");
        return Parse(stream);
    }

    public static DemoCorpus Parse(Stream json)
    {
        var corpus = JsonSerializer.Deserialize<DemoCorpus>(json, Options) ?? throw new InvalidDataException("the demo corpus is empty");
        foreach (var request in corpus.Requests)
        {
            if (!DemoOutcomes.TryParse(request.Expect, out _))
            {
                throw new InvalidDataException($"corpus request '{request.Group} {request.Method} {request.Path}': unknown expected outcome '{request.Expect}'");
            }

            if (request.Client is null && request.Via != "proxy")
            {
                throw new InvalidDataException($"corpus request '{request.Group} {request.Method} {request.Path}': needs a client address or via=proxy");
            }
        }

        return corpus;
    }
}

/// <summary>How the demo configures the sample API.</summary>
/// <param name="RateLimitMaxRequests">Requests per source and window.</param>
/// <param name="RateLimitWindowSeconds">The window.</param>
/// <param name="QuarantineMaxItems">A small quarantine, so that evictions show.</param>
/// <param name="PayloadMaxBytes">The payload limit.</param>
/// <param name="Proxy">The trusted WAF's address.</param>
internal sealed record DemoSettings(int RateLimitMaxRequests, int RateLimitWindowSeconds, int QuarantineMaxItems, int PayloadMaxBytes, string Proxy);

/// <summary>One request of the corpus (sent <see cref="Repeat"/> times).</summary>
/// <param name="Group">What it stands for: benign, waf-attack, replay, flood...</param>
/// <param name="Client">The loopback address it comes from; absent when it comes through the proxy.</param>
/// <param name="Via"><c>proxy</c> when the trusted WAF forwards it.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">Path and query.</param>
/// <param name="Body">A JSON body.</param>
/// <param name="Signal">Threat headers to send (a WAF verdict, or a forgery from an untrusted client).</param>
/// <param name="Mac"><c>invalid</c> to send a wrong MAC with the signal.</param>
/// <param name="Pad">Fills one body field with many bytes.</param>
/// <param name="Expect">The outcome the request must have.</param>
/// <param name="Repeat">How many times to send it.</param>
internal sealed record DemoRequest(
    string Group,
    string? Client,
    string? Via,
    string Method,
    string Path,
    JsonObject? Body,
    DemoSignal? Signal,
    string? Mac,
    DemoPad? Pad,
    string Expect,
    int Repeat = 1);

/// <summary>A threat signal as header values.</summary>
/// <param name="Category">The category.</param>
/// <param name="Severity">The severity.</param>
/// <param name="Rule">The WAF rule id.</param>
internal sealed record DemoSignal(string Category, string Severity, string Rule);

/// <summary>Makes one string field of the body <see cref="Bytes"/> long.</summary>
/// <param name="Field">The field.</param>
/// <param name="Char">The character repeated.</param>
/// <param name="Bytes">The length.</param>
internal sealed record DemoPad(string Field, string Char, int Bytes);
