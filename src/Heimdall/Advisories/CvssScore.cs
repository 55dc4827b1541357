using System.Globalization;

namespace Heimdall.Advisories;

/// <summary>
/// Base scores of CVSS v3.0, v3.1 and v2 vectors, computed with the formulas of their specifications.
/// CVSS v4 scores need FIRST's macro-vector lookup table and are not computed: a v4 vector is kept and
/// the database severity used instead.
/// </summary>
public static class CvssScore
{
    /// <summary>Computes the base score of a CVSS v3.x vector such as <c>CVSS:3.1/AV:N/AC:L/...</c>.</summary>
    /// <returns>False when the vector is not a complete, valid v3 base vector.</returns>
    public static bool TryComputeV3(string vector, out double score)
    {
        score = 0;
        var parts = vector.Split('/');
        if (parts.Length < 9 || (parts[0] != "CVSS:3.1" && parts[0] != "CVSS:3.0"))
        {
            return false;
        }

        var v31 = parts[0] == "CVSS:3.1";
        var metrics = ParseMetrics(parts.AsSpan(1));
        if (metrics is null
            || !metrics.TryGetValue("AV", out var av) || !metrics.TryGetValue("AC", out var ac)
            || !metrics.TryGetValue("PR", out var pr) || !metrics.TryGetValue("UI", out var ui)
            || !metrics.TryGetValue("S", out var s) || !metrics.TryGetValue("C", out var c)
            || !metrics.TryGetValue("I", out var i) || !metrics.TryGetValue("A", out var a))
        {
            return false;
        }

        var changed = s switch { "C" => true, "U" => false, _ => (bool?)null };
        double? attackVector = av switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? complexity = ac switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? privileges = pr switch
        {
            "N" => 0.85,
            "L" => changed == true ? 0.68 : 0.62,
            "H" => changed == true ? 0.5 : 0.27,
            _ => null,
        };
        double? interaction = ui switch { "N" => 0.85, "R" => 0.62, _ => null };
        var conf = Cia3(c);
        var integ = Cia3(i);
        var avail = Cia3(a);
        if (changed is null || attackVector is null || complexity is null || privileges is null || interaction is null
            || conf is null || integ is null || avail is null)
        {
            return false;
        }

        var iss = 1 - ((1 - conf.Value) * (1 - integ.Value) * (1 - avail.Value));
        var impact = changed.Value
            ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15))
            : 6.42 * iss;
        var exploitability = 8.22 * attackVector.Value * complexity.Value * privileges.Value * interaction.Value;
        if (impact <= 0)
        {
            score = 0;
            return true;
        }

        var raw = changed.Value ? Math.Min(1.08 * (impact + exploitability), 10) : Math.Min(impact + exploitability, 10);
        score = v31 ? RoundUp31(raw) : Math.Ceiling(raw * 10) / 10;
        return true;
    }

    /// <summary>Computes the base score of a CVSS v2 vector such as <c>AV:N/AC:L/Au:N/C:P/I:P/A:P</c>.</summary>
    public static bool TryComputeV2(string vector, out double score)
    {
        score = 0;
        var text = vector.StartsWith('(') && vector.EndsWith(')') ? vector[1..^1] : vector;
        var metrics = ParseMetrics(text.Split('/'));
        if (metrics is null
            || !metrics.TryGetValue("AV", out var av) || !metrics.TryGetValue("AC", out var ac)
            || !metrics.TryGetValue("Au", out var au) || !metrics.TryGetValue("C", out var c)
            || !metrics.TryGetValue("I", out var i) || !metrics.TryGetValue("A", out var a))
        {
            return false;
        }

        double? accessVector = av switch { "L" => 0.395, "A" => 0.646, "N" => 1.0, _ => null };
        double? complexity = ac switch { "H" => 0.35, "M" => 0.61, "L" => 0.71, _ => null };
        double? authentication = au switch { "M" => 0.45, "S" => 0.56, "N" => 0.704, _ => null };
        var conf = Cia2(c);
        var integ = Cia2(i);
        var avail = Cia2(a);
        if (accessVector is null || complexity is null || authentication is null || conf is null || integ is null || avail is null)
        {
            return false;
        }

        var impact = 10.41 * (1 - ((1 - conf.Value) * (1 - integ.Value) * (1 - avail.Value)));
        var exploitability = 20 * accessVector.Value * complexity.Value * authentication.Value;
        var f = impact == 0 ? 0 : 1.176;
        score = Math.Round(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f, 1, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>The v2 qualitative rating (v2 has no critical band).</summary>
    public static SeverityLevel RateV2(double score) => score switch
    {
        >= 7.0 => SeverityLevel.High,
        >= 4.0 => SeverityLevel.Medium,
        > 0.0 => SeverityLevel.Low,
        _ => SeverityLevel.Unknown,
    };

    /// <summary>Formats a score with one decimal, invariantly.</summary>
    public static string Format(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    // CVSS v3.1 "Roundup": the smallest one-decimal number not below the input, computed on integers so
    // that floating-point noise (4.000000001) does not push a score up a tenth.
    private static double RoundUp31(double value)
    {
        var scaled = (long)Math.Round(value * 100000);
        return scaled % 10000 == 0 ? scaled / 100000.0 : (Math.Floor(scaled / 10000.0) + 1) / 10.0;
    }

    private static double? Cia3(string value) => value switch { "H" => 0.56, "L" => 0.22, "N" => 0.0, _ => null };

    private static double? Cia2(string value) => value switch { "N" => 0.0, "P" => 0.275, "C" => 0.660, _ => null };

    private static Dictionary<string, string>? ParseMetrics(ReadOnlySpan<string> parts)
    {
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == part.Length - 1)
            {
                return null;
            }

            // A metric given twice makes the vector invalid.
            if (!metrics.TryAdd(part[..colon], part[(colon + 1)..]))
            {
                return null;
            }
        }

        return metrics;
    }
}
