namespace Heimdall.Policy;

/// <summary>The exit codes of <c>heimdall</c>, as CI reads them.</summary>
public enum HeimdallExitCode
{
    /// <summary>Everything was read and nothing at or above the threshold was found.</summary>
    Clean = 0,

    /// <summary>Findings at or above the threshold, or an expired suppression.</summary>
    Findings = 1,

    /// <summary>The command line or an input file given to it is wrong.</summary>
    Usage = 2,

    /// <summary>Some entries or files could not be read: the result is partial.</summary>
    PartialCoverage = 3,

    /// <summary>The advisory data is missing or older than allowed.</summary>
    AdvisoryDataUnavailable = 4,
}
