namespace Tracehound.Cli.Verification;

/// <summary>
/// One part of <c>tracehound verify</c>. The ledger check runs first; further checks (the evidence
/// store, for example) implement this interface and are listed in <see cref="DataDirectoryChecks"/>.
/// A check reads the data directory only and reports the first failure with its position.
/// </summary>
internal interface IDataDirectoryCheck
{
    /// <summary>Short name shown in the report and used as the JSON key (e.g. <c>ledger</c>, <c>evidence</c>).</summary>
    string Name { get; }

    /// <summary>Runs the check. <paramref name="progress"/> takes a fraction from 0 to 1.</summary>
    DataDirectoryCheckResult Run(DataDirectoryCheckContext context, IProgress<double>? progress, CancellationToken cancellationToken);
}
