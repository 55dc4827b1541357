namespace Tracehound;

/// <summary>A small ring of the latest intercept errors, for snapshots.</summary>
internal sealed class RecentErrors(int capacity)
{
    private readonly Lock _gate = new();
    private readonly InterceptErrorRecord[] _ring = new InterceptErrorRecord[capacity];
    private long _written;

    public void Add(InterceptErrorRecord record)
    {
        lock (_gate)
        {
            _ring[(int)(_written++ % _ring.Length)] = record;
        }
    }

    public IReadOnlyList<InterceptErrorRecord> ToList()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_written, _ring.Length);
            var list = new List<InterceptErrorRecord>(count);
            for (var i = 0; i < count; i++)
            {
                list.Add(_ring[(int)((_written - count + i) % _ring.Length)]);
            }

            return list;
        }
    }
}

/// <summary>One intercept error, as kept for snapshots.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Code">The error code.</param>
/// <param name="Message">The message (never the payload).</param>
public sealed record InterceptErrorRecord(DateTimeOffset Time, string Code, string Message);
