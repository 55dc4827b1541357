namespace Tracehound;

/// <summary>Counts errors over the last minute in one-second buckets; written only on the error path.</summary>
internal sealed class ErrorRateWindow(TimeProvider time)
{
    private const int Buckets = 60;
    private readonly Lock _gate = new();
    private readonly long[] _second = new long[Buckets];
    private readonly int[] _count = new int[Buckets];

    public void Record()
    {
        var second = CurrentSecond();
        lock (_gate)
        {
            var i = (int)(second % Buckets);
            if (_second[i] != second)
            {
                _second[i] = second;
                _count[i] = 0;
            }

            _count[i]++;
        }
    }

    public int LastMinute()
    {
        var second = CurrentSecond();
        var sum = 0;
        lock (_gate)
        {
            for (var i = 0; i < Buckets; i++)
            {
                if (second - _second[i] < Buckets && _count[i] > 0)
                {
                    sum += _count[i];
                }
            }
        }

        return sum;
    }

    // Bucket 0 must never look current at start-up, so seconds count from 1.
    private long CurrentSecond() => (time.GetTimestamp() / time.TimestampFrequency) + Buckets + 1;
}
