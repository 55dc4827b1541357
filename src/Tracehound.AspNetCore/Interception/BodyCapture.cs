using System.Buffers;
using System.Security.Cryptography;

namespace Tracehound.AspNetCore;

/// <summary>
/// Stands in for the request body: what the endpoint reads passes through and the first
/// <c>limit + 1</c> bytes are copied into a pooled buffer, so a flag raised later has the body as
/// evidence. <see cref="PrefetchAsync"/> reads ahead (for a signal found before the endpoint) and the
/// endpoint is then served from the buffer first, so it still sees the whole body. Nothing past the limit
/// is ever held: streaming and huge bodies flow through untouched. Pooled with its request state.
/// </summary>
internal sealed class BodyCapture : Stream
{
    private const int InitialCapacity = 4096;

    private Stream _inner = Null;
    private byte[] _buffer = [];
    private int _limit;
    private int _captured;
    private long _captureStart;
    private long _position;
    private bool _copying;
    private bool _ended;

    /// <summary>True when the body is longer than the limit (at least one byte more was seen).</summary>
    public bool Overflowed => _captured > _limit;

    /// <summary>The captured bytes, at most the limit.</summary>
    public ReadOnlyMemory<byte> Captured => _buffer.AsMemory(0, Math.Min(_captured, _limit));

    /// <summary>The captured bytes including the one that proved an overflow.</summary>
    public ReadOnlyMemory<byte> CapturedWithOverflow => _buffer.AsMemory(0, _captured);

    /// <summary>True when the capture began at the start of the body (it misses nothing the endpoint read).</summary>
    public bool FromStart => _captureStart == 0;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The body stream this capture wraps.</summary>
    public Stream Inner => _inner;

    /// <summary>Starts a request: wraps <paramref name="inner"/>, copying what is read when <paramref name="copy"/> is set.</summary>
    public void Begin(Stream inner, int limit, bool copy)
    {
        _inner = inner;
        _limit = limit;
        _copying = copy;
        _captured = 0;
        _captureStart = 0;
        _position = 0;
        _ended = false;
    }

    /// <summary>Ends the request: zeroes what was captured and, unless told otherwise, returns the buffer to the pool.</summary>
    public void Reset(bool returnBuffer = true)
    {
        if (_buffer.Length > 0)
        {
            CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, Math.Min(_captured, _buffer.Length)));
            if (returnBuffer)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = [];
        }

        _inner = Null;
        _captured = 0;
        _captureStart = 0;
        _position = 0;
        _copying = false;
    }

    /// <summary>
    /// Reads ahead until the limit has been passed or the body ended, without consuming anything for the
    /// endpoint, which is served from the buffer first. When copying was off, the capture starts at what
    /// the endpoint has not read yet.
    /// </summary>
    public async ValueTask PrefetchAsync(CancellationToken cancellationToken)
    {
        if (!_copying)
        {
            _copying = true;
            _captureStart = _position;
            _captured = 0;
        }

        // A capture that stopped following the reader (the reader went past it) cannot be extended.
        if (_position > _captureStart + _captured)
        {
            return;
        }

        while (!_ended && _captured <= _limit)
        {
            EnsureCapacity(_captured + 1);
            var room = Math.Min(_buffer.Length, _limit + 1) - _captured;
            var read = await _inner.ReadAsync(_buffer.AsMemory(_captured, room), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _ended = true;
                break;
            }

            _captured += read;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (TryReadBuffered(destination.Span, out var buffered))
        {
            return buffered;
        }

        var read = await _inner.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        Record(destination.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        if (TryReadBuffered(buffer, out var buffered))
        {
            return buffered;
        }

        var read = _inner.Read(buffer);
        Record(buffer[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool TryReadBuffered(Span<byte> destination, out int count)
    {
        var index = _position - _captureStart;
        if (index >= 0 && index < _captured && destination.Length > 0)
        {
            count = (int)Math.Min(destination.Length, _captured - index);
            _buffer.AsSpan((int)index, count).CopyTo(destination);
            _position += count;
            return true;
        }

        count = 0;
        return false;
    }

    private void Record(ReadOnlySpan<byte> read)
    {
        if (read.Length == 0)
        {
            _ended = true;
            return;
        }

        if (_copying && _captured <= _limit && _position == _captureStart + _captured)
        {
            var keep = Math.Min(read.Length, _limit + 1 - _captured);
            EnsureCapacity(_captured + keep);
            read[..keep].CopyTo(_buffer.AsSpan(_captured));
            _captured += keep;
        }

        _position += read.Length;
    }

    private void EnsureCapacity(int needed)
    {
        var max = _limit + 1;
        if (needed <= _buffer.Length)
        {
            return;
        }

        var size = Math.Min(max, Math.Max(needed, Math.Max(InitialCapacity, _buffer.Length * 2)));
        var grown = ArrayPool<byte>.Shared.Rent(size);
        if (_buffer.Length > 0)
        {
            _buffer.AsSpan(0, _captured).CopyTo(grown);
            CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _captured));
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = grown;
    }
}
