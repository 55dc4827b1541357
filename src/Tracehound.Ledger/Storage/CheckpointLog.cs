using System.Buffers.Binary;
using System.Text;

namespace Tracehound.Ledger;

/// <summary>
/// The append-only log of every checkpoint (<c>ledger/checkpoints/checkpoints.log</c>): a 16-byte
/// header (<c>"THLCKPT1"</c> + 8 zero bytes) then entries <c>length u32 | note UTF-8 | CRC-32C u32</c>.
/// The latest note is also written as plain text to <c>ledger/checkpoints/latest</c> for auditors.
/// </summary>
internal static class CheckpointLog
{
    public const int HeaderSize = 16;

    public static ReadOnlySpan<byte> Header => "THLCKPT1\0\0\0\0\0\0\0\0"u8;

    /// <summary>A checkpoint to match against the records: from the log (with its offset and ordinal), or witnessed outside the directory (<paramref name="WitnessSource"/>).</summary>
    internal sealed record Entry(SignedCheckpoint Checkpoint, long Offset, int Ordinal, string? WitnessSource = null)
    {
        /// <summary>The file a failure about this checkpoint names.</summary>
        public string File => WitnessSource ?? string.Join('/', LedgerLayout.LedgerFolder, LedgerLayout.CheckpointsFolder, LedgerLayout.CheckpointLogFile);

        /// <summary>How a failure message names this checkpoint.</summary>
        public string Name => WitnessSource is null
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"checkpoint #{Ordinal}")
            : $"the checkpoint witnessed in {WitnessSource}";
    }

    internal sealed record ReadResult(List<Entry> Entries, long ValidLength, long TornBytes, LedgerIntegrityFailure? Failure);

    /// <summary>Reads the log. An incomplete last entry is a torn tail; any other damage is a failure.</summary>
    public static ReadResult Read(string dataDirectory, string path)
    {
        var relative = LedgerLayout.Relative(dataDirectory, path);
        var entries = new List<Entry>();
        if (!File.Exists(path))
        {
            return new ReadResult(entries, 0, 0, null);
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < HeaderSize)
        {
            // A crash while creating the log leaves a short header and nothing else.
            return new ReadResult(entries, 0, bytes.Length, null);
        }

        if (!bytes.AsSpan(0, HeaderSize).SequenceEqual(Header))
        {
            return new ReadResult(entries, 0, 0, new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, relative, 0, null, "checkpoint log header is damaged"));
        }

        long at = HeaderSize;
        while (at < bytes.Length)
        {
            if (bytes.Length - at < 8)
            {
                return new ReadResult(entries, at, bytes.Length - at, null);
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)at));
            if (length == 0 || length > 1024 * 1024)
            {
                return new ReadResult(entries, at, 0, new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, relative, at, null, $"checkpoint #{entries.Count} has an impossible length {length}"));
            }

            if (bytes.Length - at < 8 + length)
            {
                return new ReadResult(entries, at, bytes.Length - at, null);
            }

            var body = bytes.AsSpan((int)at, 4 + (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)(at + 4 + length)));
            if (crc != Crc32C.Compute(body))
            {
                return new ReadResult(entries, at, 0, new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, relative, at, null, $"checkpoint #{entries.Count} fails its CRC"));
            }

            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(body[4..]);
            }
            catch (DecoderFallbackException)
            {
                return new ReadResult(entries, at, 0, new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, relative, at, null, $"checkpoint #{entries.Count} is not UTF-8"));
            }

            if (!SignedCheckpoint.TryParse(text, out var checkpoint, out var error))
            {
                return new ReadResult(entries, at, 0, new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, relative, at, null, $"checkpoint #{entries.Count}: {error}"));
            }

            entries.Add(new Entry(checkpoint, at, entries.Count));
            at += 8 + length;
        }

        return new ReadResult(entries, at, 0, null);
    }

    public static byte[] Frame(SignedCheckpoint checkpoint)
    {
        var note = Encoding.UTF8.GetBytes(checkpoint.ToString());
        var frame = new byte[8 + note.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)note.Length);
        note.CopyTo(frame, 4);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4 + note.Length), Crc32C.Compute(frame.AsSpan(0, 4 + note.Length)));
        return frame;
    }
}
