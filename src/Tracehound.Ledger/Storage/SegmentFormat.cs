using System.Buffers.Binary;

namespace Tracehound.Ledger;

/// <summary>
/// The byte layout of segment files (docs/ledger.md): a 24-byte header
/// (<c>"THLSEG01"</c>, first leaf u64, reserved u32 = 0, CRC-32C of the first 20 bytes) then frames
/// <c>length u32 | leaf u64 | record | CRC-32C(length || leaf || record) u32</c>, all big-endian.
/// </summary>
internal static class SegmentFormat
{
    public const int HeaderSize = 24;
    public const int FrameOverhead = 4 + 8 + 4;
    public const int MaxRecordBytes = 64 * 1024;

    public static ReadOnlySpan<byte> Magic => "THLSEG01"u8;

    public static void WriteHeader(Span<byte> header, ulong firstLeaf)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt64BigEndian(header[8..], firstLeaf);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(header[20..], Crc32C.Compute(header[..20]));
    }

    public static bool TryReadHeader(ReadOnlySpan<byte> header, out ulong firstLeaf, out string? error)
    {
        firstLeaf = 0;
        if (header.Length < HeaderSize || !header[..8].SequenceEqual(Magic))
        {
            error = "not a ledger segment (bad magic)";
            return false;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(header[20..]) != Crc32C.Compute(header[..20]))
        {
            error = "segment header fails its CRC";
            return false;
        }

        firstLeaf = BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
        error = null;
        return true;
    }

    /// <summary>Writes a frame for <paramref name="record"/> into <paramref name="frame"/> (record length + 16 bytes).</summary>
    public static void WriteFrame(Span<byte> frame, ulong leaf, ReadOnlySpan<byte> record)
    {
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)record.Length);
        BinaryPrimitives.WriteUInt64BigEndian(frame[4..], leaf);
        record.CopyTo(frame[12..]);
        BinaryPrimitives.WriteUInt32BigEndian(frame[(12 + record.Length)..], Crc32C.Compute(frame[..(12 + record.Length)]));
    }
}
