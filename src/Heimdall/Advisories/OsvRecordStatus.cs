namespace Heimdall.Advisories;

/// <summary>What became of one OSV record on reading.</summary>
public enum OsvRecordStatus
{
    /// <summary>Read and kept.</summary>
    Accepted,

    /// <summary>The record is withdrawn and must not be matched.</summary>
    Withdrawn,

    /// <summary>The record affects no npm or NuGet package.</summary>
    OtherEcosystem,

    /// <summary>The record is not valid OSV.</summary>
    Invalid,
}
