namespace Tracehound.Ledger;

/// <summary>One segment file as found on disk: its first leaf, record count and the offsets to find records quickly.</summary>
internal sealed class SegmentInfo
{
    /// <summary>Every <c>SparseStride</c>-th record's frame offset is kept, so a lookup scans at most that many frames.</summary>
    public const int SparseStride = 64;

    public SegmentInfo(string path, ulong firstLeaf)
    {
        Path = path;
        FirstLeaf = firstLeaf;
    }

    public string Path { get; }

    public ulong FirstLeaf { get; }

    public ulong Count { get; set; }

    /// <summary>Bytes of header and intact frames.</summary>
    public long ValidLength { get; set; } = SegmentFormat.HeaderSize;

    public List<long> SparseOffsets { get; } = [];

    public ulong EndLeaf => FirstLeaf + Count;

    public void NoteFrame(ulong leaf, long offset)
    {
        if ((leaf - FirstLeaf) % SparseStride == 0)
        {
            SparseOffsets.Add(offset);
        }
    }
}
