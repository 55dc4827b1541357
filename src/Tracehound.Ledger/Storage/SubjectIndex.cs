using System.Buffers.Binary;
using System.Text;

namespace Tracehound.Ledger;

/// <summary>
/// Finds the leaves of a subject without scanning the ledger. Each sealed segment has a sorted index
/// file (<c>&lt;first leaf&gt;.idx</c>: <c>"THLIDX01"</c>, first leaf u64, count u64, then
/// <c>(fingerprint u64, leaf u64)</c> pairs sorted, then a CRC-32C), searched by binary search on disk;
/// only the open segment's pairs are in memory, so memory is bounded by the segment size. The
/// fingerprint is the 64-bit FNV-1a hash of the subject's UTF-8 bytes; candidates are confirmed by reading
/// the record, so a collision or a damaged index can never return a wrong record. An index file that
/// is missing or fails its checks is rebuilt from its segment (it is derived data).
/// </summary>
internal sealed class SubjectIndex
{
    private const int HeaderSize = 24;
    private const int EntrySize = 16;

    private static ReadOnlySpan<byte> Magic => "THLIDX01"u8;

    private readonly List<(ulong Fingerprint, ulong Leaf)> _open = [];
    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ulong Fingerprint, ulong Leaf)[]> _inMemory = new(StringComparer.Ordinal);

    /// <summary>FNV-1a (64-bit) of the subject bytes: cheap, and collisions only cost a record read.</summary>
    public static ulong Fingerprint(ReadOnlySpan<byte> subjectUtf8)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in subjectUtf8)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The subject bytes of a canonical record (version, kind length, kind, subject length, subject).</summary>
    public static ReadOnlySpan<byte> SubjectOf(ReadOnlySpan<byte> record)
    {
        var kindLength = record[1];
        var subjectLength = BinaryPrimitives.ReadUInt16BigEndian(record[(2 + kindLength)..]);
        return record.Slice(4 + kindLength, subjectLength);
    }

    public void AddOpen(ReadOnlySpan<byte> record, ulong leaf) => _open.Add((Fingerprint(SubjectOf(record)), leaf));

    public void ClearOpen() => _open.Clear();

    /// <summary>Writes the open segment's index file and starts a new, empty open list.</summary>
    public void Seal(SegmentInfo segment)
    {
        Write(IndexPath(segment), segment, [.. _open]);
        _checked.Add(IndexPath(segment));
        _open.Clear();
    }

    public List<ulong> Candidates(string subject, IReadOnlyList<SegmentInfo> segments, bool writable, Func<SegmentInfo, IEnumerable<(ulong Leaf, byte[] Record)>> readSegment)
    {
        var fingerprint = Fingerprint(Encoding.UTF8.GetBytes(subject));
        var leaves = new List<ulong>();
        for (var i = 0; i < segments.Count - 1; i++)
        {
            Search(segments[i], fingerprint, writable, readSegment, leaves);
        }

        foreach (var (entry, leaf) in _open)
        {
            if (entry == fingerprint)
            {
                leaves.Add(leaf);
            }
        }

        return leaves;
    }

    private void Search(SegmentInfo segment, ulong fingerprint, bool writable, Func<SegmentInfo, IEnumerable<(ulong Leaf, byte[] Record)>> readSegment, List<ulong> leaves)
    {
        var path = IndexPath(segment);
        if (_inMemory.TryGetValue(path, out var entries))
        {
            foreach (var (stored, leaf) in entries)
            {
                if (stored == fingerprint)
                {
                    leaves.Add(leaf);
                }
            }

            return;
        }

        if (!_checked.Contains(path))
        {
            if (!IsValid(path, segment))
            {
                var rebuilt = readSegment(segment).Select(r => (Fingerprint(SubjectOf(r.Record)), r.Leaf)).ToArray();
                if (writable)
                {
                    Write(path, segment, rebuilt);
                }
                else
                {
                    Array.Sort(rebuilt);
                    _inMemory[path] = rebuilt;
                    Search(segment, fingerprint, writable, readSegment, leaves);
                    return;
                }
            }

            _checked.Add(path);
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> entry = stackalloc byte[EntrySize];
        long low = 0, high = (long)segment.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            RandomAccess.Read(handle, entry, HeaderSize + (mid * EntrySize));
            if (BinaryPrimitives.ReadUInt64BigEndian(entry) < fingerprint)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        for (var i = low; i < (long)segment.Count; i++)
        {
            RandomAccess.Read(handle, entry, HeaderSize + (i * EntrySize));
            if (BinaryPrimitives.ReadUInt64BigEndian(entry) != fingerprint)
            {
                break;
            }

            leaves.Add(BinaryPrimitives.ReadUInt64BigEndian(entry[8..]));
        }
    }

    private static bool IsValid(string path, SegmentInfo segment)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != HeaderSize + ((long)segment.Count * EntrySize) + 4 || !bytes.AsSpan(0, 8).SequenceEqual(Magic)
            || BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)) != segment.FirstLeaf
            || BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(16)) != segment.Count)
        {
            return false;
        }

        return BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(bytes.Length - 4)) == Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4));
    }

    private static void Write(string path, SegmentInfo segment, (ulong Fingerprint, ulong Leaf)[] entries)
    {
        Array.Sort(entries);
        var bytes = new byte[HeaderSize + (entries.Length * EntrySize) + 4];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), segment.FirstLeaf);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(16), (ulong)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(HeaderSize + (i * EntrySize)), entries[i].Fingerprint);
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(HeaderSize + (i * EntrySize) + 8), entries[i].Leaf);
        }

        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(bytes.Length - 4), Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string IndexPath(SegmentInfo segment) =>
        Path.Combine(Path.GetDirectoryName(segment.Path)!, LedgerLayout.IndexName(segment.FirstLeaf));
}
