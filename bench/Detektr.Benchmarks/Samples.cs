using System.Globalization;

namespace Detektr.Benchmarks;

/// <summary>Latency samples in milliseconds and their summary as a JSON line's fields.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public void Add(double milliseconds) => _values.Add(milliseconds);

    public double Percentile(double p)
    {
        var sorted = _values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public double Median => Percentile(50);

    public Dictionary<string, object> Summary(string bench)
    {
        return new Dictionary<string, object>
        {
            ["bench"] = bench,
            ["iterations"] = Count,
            ["p50_ms"] = Round(Median),
            ["p90_ms"] = Round(Percentile(90)),
            ["p99_ms"] = Round(Percentile(99)),
            ["mean_ms"] = Round(_values.Average()),
            ["min_ms"] = Round(_values.Min()),
        };
    }

    public static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p50 {Median:0.0} ms over {Count}");
}
