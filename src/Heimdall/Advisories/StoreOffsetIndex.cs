using System.Text;

namespace Heimdall.Advisories;

/// <summary>
/// The binary offset index beside the store's JSON file: for each package key, the byte ranges of the
/// advisories that affect it.
/// <code>
/// magic "HEIMDALL-IDX" 0x01
/// i64 data file length    i64 import time (Unix ms, or i64.MinValue)    i32 advisories    i32 keys
/// per key: string key (7-bit length prefix, UTF-8), i32 ranges, per range: i64 offset, i32 length
/// </code>
/// All integers little-endian.
/// </summary>
internal sealed class StoreOffsetIndex
{
    private static readonly byte[] Magic = [.. "HEIMDALL-IDX"u8, 0x01];

    private StoreOffsetIndex(long dataLength, DateTimeOffset? importedAt, int advisoryCount, Dictionary<string, (long Offset, int Length)[]> offsets)
    {
        DataLength = dataLength;
        ImportedAt = importedAt;
        AdvisoryCount = advisoryCount;
        Offsets = offsets;
    }

    public long DataLength { get; }

    public DateTimeOffset? ImportedAt { get; }

    public int AdvisoryCount { get; }

    public Dictionary<string, (long Offset, int Length)[]> Offsets { get; }

    public static void Write(string path, long dataLength, DateTimeOffset? importedAt, int advisoryCount, SortedDictionary<string, List<(long Offset, int Length)>> offsets)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(dataLength);
            writer.Write(importedAt?.ToUnixTimeMilliseconds() ?? long.MinValue);
            writer.Write(advisoryCount);
            writer.Write(offsets.Count);
            foreach (var (key, ranges) in offsets)
            {
                writer.Write(key);
                writer.Write(ranges.Count);
                foreach (var (offset, length) in ranges)
                {
                    writer.Write(offset);
                    writer.Write(length);
                }
            }
        }

        file.Flush(flushToDisk: true);
    }

    /// <summary>Reads an index; a missing, truncated or foreign file gives null.</summary>
    public static StoreOffsetIndex? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(file, Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                return null;
            }

            var dataLength = reader.ReadInt64();
            var importedMs = reader.ReadInt64();
            var advisories = reader.ReadInt32();
            var keys = reader.ReadInt32();
            if (dataLength < 0 || advisories < 0 || keys < 0)
            {
                return null;
            }

            var offsets = new Dictionary<string, (long, int)[]>(keys, StringComparer.Ordinal);
            for (var k = 0; k < keys; k++)
            {
                var key = reader.ReadString();
                var count = reader.ReadInt32();
                if (count < 0 || count > advisories)
                {
                    return null;
                }

                var ranges = new (long, int)[count];
                for (var r = 0; r < count; r++)
                {
                    ranges[r] = (reader.ReadInt64(), reader.ReadInt32());
                }

                offsets[key] = ranges;
            }

            if (file.Position != file.Length)
            {
                return null;
            }

            var importedAt = importedMs == long.MinValue ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(importedMs);
            return new StoreOffsetIndex(dataLength, importedAt, advisories, offsets);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
