namespace Tracehound.Cli.Verification;

/// <summary>The checks <c>tracehound verify</c> runs, in order. Add a check here to extend verification.</summary>
internal static class DataDirectoryChecks
{
    public static IReadOnlyList<IDataDirectoryCheck> Default() => [new LedgerDataDirectoryCheck(), new EvidenceDataDirectoryCheck()];
}
