using System.Globalization;
using System.Text.Json.Nodes;
using Tracehound.Ledger;

namespace Tracehound.Cli.Verification;

/// <summary>The ledger part of <c>verify</c>: <see cref="LedgerVerifier"/> over <c>DIR/ledger</c>.</summary>
internal sealed class LedgerDataDirectoryCheck : IDataDirectoryCheck
{
    public string Name => "ledger";

    public DataDirectoryCheckResult Run(DataDirectoryCheckContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var report = LedgerVerifier.Verify(
            context.DataDirectory,
            new LedgerVerifierOptions { TrustedKeys = context.TrustedKeys, Witnessed = context.Witnessed },
            progress is null ? null : new Progress(progress),
            cancellationToken);
        var details = new JsonObject
        {
            ["size"] = report.Head.Size.Value,
            ["root"] = report.Head.RootHash.ToString(),
            ["checkpointsVerified"] = report.CheckpointsVerified,
            ["witnessedCheckpoints"] = context.Witnessed.Count,
            ["latestCheckpointSize"] = report.LatestCheckpoint?.Checkpoint.Head.Size.Value,
            ["tornTailBytes"] = report.TornTailBytes,
            ["hashEntriesMissing"] = report.HashEntriesMissing,
        };
        if (report.Failure is { } failure)
        {
            details["failure"] = new JsonObject
            {
                ["kind"] = failure.Kind.ToString(),
                ["file"] = failure.File,
                ["offset"] = failure.Offset,
                ["leaf"] = failure.Leaf?.Value,
                ["reason"] = failure.Reason,
            };
            var position = string.Create(CultureInfo.InvariantCulture, $"{failure.File} at byte {failure.Offset}{(failure.Leaf is { } leaf ? $" (leaf {leaf.Value})" : string.Empty)}");
            return new DataDirectoryCheckResult(Name, false, position, failure.Reason, details);
        }

        return new DataDirectoryCheckResult(Name, true, null, null, details);
    }

    private sealed class Progress(IProgress<double> target) : IProgress<LedgerVerificationProgress>
    {
        public void Report(LedgerVerificationProgress value) =>
            target.Report(value.BytesTotal == 0 ? 1 : (double)value.BytesDone / value.BytesTotal);
    }
}
