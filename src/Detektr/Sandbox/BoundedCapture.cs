namespace Detektr.Sandbox;

/// <summary>Copies a stream into a file up to a byte bound, counting (and discarding) the rest, so a
/// chatty artifact can neither fill the disk nor stall on a full pipe.</summary>
internal sealed class BoundedCapture
{
    private readonly Task _pump;

    private BoundedCapture(Stream source, string path, long limit)
    {
        Path = path;
        Limit = limit;
        _pump = PumpAsync(source);
    }

    /// <summary>The file the kept bytes go to.</summary>
    public string Path { get; }

    /// <summary>The bound.</summary>
    public long Limit { get; }

    /// <summary>Bytes the stream produced in total.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>True when bytes beyond the bound were discarded.</summary>
    public bool Truncated => TotalBytes > Limit;

    /// <summary>Starts copying <paramref name="source"/> into <paramref name="path"/>.</summary>
    public static BoundedCapture Start(Stream source, string path, long limit) => new(source, path, limit);

    /// <summary>Waits until the stream ends.</summary>
    public Task Completion => _pump;

    private async Task PumpAsync(Stream source)
    {
        var file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 14, useAsync: true);
        await using var fileScope = file.ConfigureAwait(false);
        var buffer = new byte[1 << 14];
        while (true)
        {
            int count;
            try
            {
                count = await source.ReadAsync(buffer).ConfigureAwait(false);
            }
            catch (IOException)
            {
                break;
            }

            if (count == 0)
            {
                break;
            }

            var keep = (int)Math.Clamp(Limit - TotalBytes, 0, count);
            if (keep > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, keep)).ConfigureAwait(false);
            }

            TotalBytes += count;
        }
    }
}
