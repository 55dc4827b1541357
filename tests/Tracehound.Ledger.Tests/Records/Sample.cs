namespace Tracehound.Ledger.Tests.Records;

internal static class Sample
{
    public static readonly DateTimeOffset Epoch = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static LedgerRecord Record(int i, string? subject = null) => new(
        i % 3 == 0 ? "evidence.quarantined" : "evidence.evicted",
        subject ?? "injection:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))),
        Epoch.AddMilliseconds(i),
        [new("seq", (long)i), new("reason", "capacity")]);
}
