using System.Security.Cryptography;
using System.Text;
using Heimdall.Packages;
using Heimdall.Policy;

namespace Heimdall.Matching;

/// <summary>The outcome of a scan, from which every report format is written.</summary>
public sealed record ScanResult
{
    /// <summary>What was read.</summary>
    public required Inventory Inventory { get; init; }

    /// <summary>Where the advisories came from.</summary>
    public required AdvisoryDataInfo AdvisoryData { get; init; }

    /// <summary>When the scan ran.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Vulnerabilities reported (not suppressed, not in the baseline).</summary>
    public required IReadOnlyList<Finding> Vulnerabilities { get; init; }

    /// <summary>Suspicious packages reported (not suppressed, not in the baseline).</summary>
    public required IReadOnlyList<Finding> Suspicious { get; init; }

    /// <summary>Findings silenced by a suppression.</summary>
    public required IReadOnlyList<SuppressedFinding> Suppressed { get; init; }

    /// <summary>Findings already present in the baseline.</summary>
    public required IReadOnlyList<Finding> Baselined { get; init; }

    /// <summary>Suppressions past their expiry date; each fails the scan.</summary>
    public required IReadOnlyList<Suppression> ExpiredSuppressions { get; init; }

    /// <summary>Suppressions that matched no finding.</summary>
    public required IReadOnlyList<Suppression> UnusedSuppressions { get; init; }

    /// <summary>(package, advisory) pairs whose versions could not be compared.</summary>
    public required int Unevaluable { get; init; }

    /// <summary>The failing threshold applied.</summary>
    public required FailThreshold Threshold { get; init; }

    /// <summary>Reported findings at or above the threshold.</summary>
    public required int FailingFindings { get; init; }

    /// <summary>The exit code the scan earns.</summary>
    public required HeimdallExitCode ExitCode { get; init; }

    /// <summary>True when a baseline was applied.</summary>
    public bool BaselineApplied { get; init; }

    /// <summary>All reported findings, vulnerabilities first.</summary>
    public IEnumerable<Finding> Findings => Vulnerabilities.Concat(Suspicious);

    /// <summary>
    /// A SHA-256 digest of the result: each file's coverage and each reported finding's fingerprint, sorted,
    /// and the exit code. Equal inputs give equal digests.
    /// </summary>
    public string ResultDigest
    {
        get
        {
            var text = new StringBuilder("heimdall-scan/v1\n");
            foreach (var file in Inventory.Files)
            {
                text.Append("file ").Append(file.Path).Append(' ').Append(file.Format.ToName()).Append(' ')
                    .Append(file.Packages.Count).Append(' ').Append(file.Unparsed.Count).Append('\n');
            }

            foreach (var fingerprint in Findings.Select(f => f.Fingerprint.Value).Order(StringComparer.Ordinal))
            {
                text.Append("finding ").Append(fingerprint).Append('\n');
            }

            text.Append("exit ").Append((int)ExitCode).Append('\n');
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }
}
