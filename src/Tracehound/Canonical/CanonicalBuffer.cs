using System.Buffers;

namespace Tracehound;

/// <summary>
/// A growable byte buffer from the shared array pool with a hard size limit, so the encoder never
/// allocates per call and never grows past what the caller allowed.
/// </summary>
internal sealed class CanonicalBuffer : IDisposable
{
    [ThreadStatic]
    private static CanonicalBuffer? s_threadBuffer;

    private byte[] _array;
    private int _length;
    private int _limit;

    public CanonicalBuffer(int limit = int.MaxValue)
    {
        _array = ArrayPool<byte>.Shared.Rent(4096);
        _limit = limit;
    }

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    public int Length => _length;

    /// <summary>A per-thread buffer, cleared and limited; only for code that does not re-enter the encoder.</summary>
    public static CanonicalBuffer ForCurrentThread(int limit)
    {
        var buffer = s_threadBuffer ??= new CanonicalBuffer();
        buffer.Reset(limit);
        return buffer;
    }

    public void Reset(int limit)
    {
        _length = 0;
        _limit = limit;
        // A buffer that grew for one huge payload goes back to the pool rather than pinning memory per thread.
        if (_array.Length > 256 * 1024)
        {
            ArrayPool<byte>.Shared.Return(_array, clearArray: true);
            _array = ArrayPool<byte>.Shared.Rent(4096);
        }
    }

    /// <summary>Clears what was written: the buffer held canonical payload bytes.</summary>
    public void Clear()
    {
        _array.AsSpan(0, _length).Clear();
        _length = 0;
    }

    public bool TryWrite(byte value)
    {
        if (_length >= _limit)
        {
            return false;
        }

        if (_length == _array.Length)
        {
            Grow(1);
        }

        _array[_length++] = value;
        return true;
    }

    public bool TryWrite(ReadOnlySpan<byte> bytes)
    {
        if ((long)_length + bytes.Length > _limit)
        {
            return false;
        }

        if (_length + bytes.Length > _array.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_array.AsSpan(_length));
        _length += bytes.Length;
        return true;
    }

    /// <summary>Space to write up to <paramref name="sizeHint"/> bytes directly; commit with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        if (_length + sizeHint > _array.Length)
        {
            Grow(sizeHint);
        }

        return _array.AsSpan(_length);
    }

    public bool Advance(int count)
    {
        if ((long)_length + count > _limit)
        {
            return false;
        }

        _length += count;
        return true;
    }

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_array, clearArray: true);
        _array = [];
        _length = 0;
    }

    private void Grow(int needed)
    {
        var size = Math.Max(_array.Length * 2, _length + needed);
        var next = ArrayPool<byte>.Shared.Rent(size);
        _array.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_array, clearArray: true);
        _array = next;
    }
}
