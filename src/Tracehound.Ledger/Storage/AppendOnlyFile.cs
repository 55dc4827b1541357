using Microsoft.Win32.SafeHandles;

namespace Tracehound.Ledger;

/// <summary>
/// A file written only at its end through an in-memory buffer, readable at any offset (buffered bytes
/// included). <see cref="Sync"/> writes the buffer and fsyncs; nothing else forces data to disk.
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    private const int BufferSize = 256 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _buffer;
    private long _written;
    private int _buffered;

    private AppendOnlyFile(string path, SafeFileHandle handle, bool writable)
    {
        Path = path;
        _handle = handle;
        _written = RandomAccess.GetLength(handle);
        _buffer = writable ? new byte[BufferSize] : [];
    }

    public string Path { get; }

    /// <summary>The logical length: bytes in the file plus bytes still buffered.</summary>
    public long Length => _written + _buffered;

    public static AppendOnlyFile OpenWritable(string path) =>
        new(path, File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete), writable: true);

    public static AppendOnlyFile OpenReadOnly(string path) =>
        new(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), writable: false);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_buffered + data.Length > _buffer.Length)
        {
            Flush();
            if (data.Length > _buffer.Length)
            {
                RandomAccess.Write(_handle, data, _written);
                _written += data.Length;
                return;
            }
        }

        data.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += data.Length;
    }

    /// <summary>Reads exactly <c>destination.Length</c> bytes at <paramref name="offset"/>; false if the file is shorter.</summary>
    public bool TryRead(long offset, Span<byte> destination)
    {
        if (offset < 0 || offset + destination.Length > Length)
        {
            return false;
        }

        var fromFile = (int)Math.Clamp(_written - offset, 0, destination.Length);
        var done = 0;
        while (done < fromFile)
        {
            var read = RandomAccess.Read(_handle, destination[done..fromFile], offset + done);
            if (read <= 0)
            {
                return false;
            }

            done += read;
        }

        if (fromFile < destination.Length)
        {
            var bufferOffset = (int)(offset + fromFile - _written);
            _buffer.AsSpan(bufferOffset, destination.Length - fromFile).CopyTo(destination[fromFile..]);
        }

        return true;
    }

    /// <summary>Hands buffered bytes to the operating system (survives a process crash, not a power loss).</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            RandomAccess.Write(_handle, _buffer.AsSpan(0, _buffered), _written);
            _written += _buffered;
            _buffered = 0;
        }
    }

    /// <summary>Flushes and fsyncs: afterwards the bytes survive a power loss.</summary>
    public void Sync()
    {
        Flush();
        RandomAccess.FlushToDisk(_handle);
    }

    /// <summary>Cuts the file to <paramref name="length"/> bytes and makes that durable.</summary>
    public void Truncate(long length)
    {
        Flush();
        RandomAccess.SetLength(_handle, length);
        _written = length;
        RandomAccess.FlushToDisk(_handle);
    }

    public void Dispose() => _handle.Dispose();
}
