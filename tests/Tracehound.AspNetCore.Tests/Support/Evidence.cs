namespace Tracehound.AspNetCore.Tests.Support;

internal static class EvidenceReader
{
    /// <summary>The key/value payload the middleware captured for a signature.</summary>
    public static Dictionary<string, string?> Payload(Agent agent, string signature)
    {
        var evidence = agent.Quarantine.Find(signature) ?? throw new InvalidOperationException("no evidence " + signature);
        Assert.True(evidence.TryRevealPayload(out var bytes));
        return JsonSerializer.Deserialize<Dictionary<string, string?>>(bytes)!;
    }

    public static async Task<string> SignatureOfAsync(HttpResponseMessage response) =>
        (await Requests.ProblemAsync(response)).GetProperty("signature").GetString()!;
}
