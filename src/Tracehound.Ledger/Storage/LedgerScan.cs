using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Tracehound.Ledger;

/// <summary>
/// Replays a ledger from its files: every frame's CRC and leaf number, every record's canonical form,
/// the tree recomputed leaf by leaf and compared with the stored hashes and with every checkpoint's
/// root. Used by <see cref="LedgerStore.Open"/> (recovery) and <see cref="LedgerVerifier"/> (audit).
/// It reports the first failure with its position and never changes a file; what recovery may cut
/// (a torn tail beyond the last checkpoint, stale derived hashes) is described for the caller to act on.
/// </summary>
internal static class LedgerScan
{
    private const int ReadBufferSize = 1 << 20;

    internal sealed record TornTail(int SegmentOrdinal, long Offset, long Bytes, LeafIndex Leaf, string Reason);

    internal sealed class Result
    {
        public List<SegmentInfo> Segments { get; } = [];

        public CompactRange Range { get; } = new();

        public LedgerIntegrityFailure? Failure { get; set; }

        public TornTail? Torn { get; set; }

        /// <summary>Leading stored hashes that agree with the records; the rest is missing or stale.</summary>
        public long HashEntriesValid { get; set; }

        public long HashEntriesStored { get; set; }

        public int CheckpointsMatched { get; set; }
    }

    public delegate void RecordVisitor(SegmentInfo segment, ulong leaf, ReadOnlySpan<byte> record);

    public static Result Run(
        string dataDirectory,
        IReadOnlyList<CheckpointLog.Entry> checkpoints,
        RecordVisitor? visitor,
        IProgress<LedgerVerificationProgress>? progress,
        CancellationToken cancellationToken,
        IReadOnlyList<CheckpointLog.Entry>? witnessed = null)
    {
        witnessed ??= [];
        var result = new Result();
        var segmentsDirectory = LedgerLayout.SegmentsDirectory(dataDirectory);
        var files = Directory.Exists(segmentsDirectory)
            ? Directory.GetFiles(segmentsDirectory, "*" + LedgerLayout.SegmentExtension).Order(StringComparer.Ordinal).ToList()
            : [];
        var totalBytes = files.Sum(f => new FileInfo(f).Length);

        // A ledger signs a checkpoint of size 0 before its first record, so records without any
        // checkpoint mean the log was removed: nothing would authenticate them, and every one of them
        // would otherwise count as a torn tail that recovery may cut.
        if (checkpoints.Count == 0 && files.Any(f => new FileInfo(f).Length > SegmentFormat.HeaderSize))
        {
            result.Failure = new LedgerIntegrityFailure(LedgerFailureKind.FileMissing, CheckpointLogPath(dataDirectory), 0, null, "the ledger holds records but no signed checkpoint: the checkpoint log was removed or emptied");
            return result;
        }

        // Checkpoints in log order must not shrink; the largest one bounds what may be cut as torn.
        ulong checkpointed = 0;
        foreach (var entry in checkpoints)
        {
            var size = entry.Checkpoint.Checkpoint.Head.Size.Value;
            if (size < checkpointed)
            {
                result.Failure = new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, CheckpointLogPath(dataDirectory), entry.Offset, null, string.Create(CultureInfo.InvariantCulture, $"checkpoint #{entry.Ordinal} has size {size}, smaller than an earlier checkpoint's {checkpointed}"));
                return result;
            }

            checkpointed = size;
        }

        // A checkpoint kept outside the directory was signed over records that were durable then: they
        // may not be cut as torn either.
        foreach (var entry in witnessed)
        {
            checkpointed = Math.Max(checkpointed, entry.Checkpoint.Checkpoint.Head.Size.Value);
        }

        using var hashes = HashCursor.Open(dataDirectory, result);
        if (result.Failure is not null)
        {
            return result;
        }

        var pending = checkpoints.Concat(witnessed).OrderBy(c => c.Checkpoint.Checkpoint.Head.Size.Value).ThenBy(c => c.WitnessSource is not null).ThenBy(c => c.Ordinal).ToList();
        var nextCheckpoint = 0;
        if (!MatchCheckpoints(result, pending, ref nextCheckpoint))
        {
            return result;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize + SegmentFormat.MaxRecordBytes + SegmentFormat.FrameOverhead);
        Span<Sha256Hash> completed = stackalloc Sha256Hash[65];
        long bytesDone = 0;
        try
        {
            for (var ordinal = 0; ordinal < files.Count; ordinal++)
            {
                var path = files[ordinal];
                var relative = LedgerLayout.Relative(dataDirectory, path);
                var isLast = ordinal == files.Count - 1;
                var expectedFirst = result.Range.Size.Value;
                if (!ulong.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var namedFirst) || namedFirst != expectedFirst)
                {
                    result.Failure = new LedgerIntegrityFailure(LedgerFailureKind.RecordMissing, relative, 0, new LeafIndex(expectedFirst), string.Create(CultureInfo.InvariantCulture, $"segment should start at leaf {expectedFirst} but is named {Path.GetFileName(path)}"));
                    return result;
                }

                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var length = RandomAccess.GetLength(handle);
                var reader = new Reader(handle, length, buffer);
                var segment = new SegmentInfo(path, expectedFirst);

                ulong first = 0;
                string? headerError = null;
                var headerComplete = reader.TryGet(0, SegmentFormat.HeaderSize, out var header);
                if (!headerComplete || !SegmentFormat.TryReadHeader(header, out first, out headerError) || first != expectedFirst)
                {
                    var reason = !headerComplete ? "segment header is incomplete" : headerError ?? string.Create(CultureInfo.InvariantCulture, $"segment header names leaf {first}, expected {expectedFirst}");
                    if (isLast && expectedFirst >= checkpointed && length < SegmentFormat.HeaderSize)
                    {
                        // A crash right after creating the segment: nothing in it was ever acknowledged.
                        result.Torn = new TornTail(ordinal, 0, length, new LeafIndex(expectedFirst), reason);
                        result.Segments.Add(segment);
                        break;
                    }

                    result.Failure = new LedgerIntegrityFailure(LedgerFailureKind.SegmentHeaderCorrupt, relative, 0, new LeafIndex(expectedFirst), reason);
                    return result;
                }

                long offset = SegmentFormat.HeaderSize;
                while (offset < length)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var leaf = result.Range.Size.Value;
                    var frameError = ReadFrame(ref reader, offset, leaf, out var record, out var frameLength, out var kind);
                    if (frameError is not null)
                    {
                        if (kind == LedgerFailureKind.RecordCorrupt && isLast && leaf >= checkpointed)
                        {
                            result.Torn = new TornTail(ordinal, offset, length - offset, new LeafIndex(leaf), frameError);
                            break;
                        }

                        result.Failure = new LedgerIntegrityFailure(kind, relative, offset, new LeafIndex(leaf), frameError);
                        return result;
                    }

                    segment.NoteFrame(leaf, offset);
                    visitor?.Invoke(segment, leaf, record);

                    var count = result.Range.Append(MerkleHash.Leaf(record), completed);
                    if (!hashes.Check(completed[..count], leaf, checkpointed, result))
                    {
                        return result;
                    }

                    segment.Count++;
                    offset += frameLength;
                    segment.ValidLength = offset;
                    if (progress is not null && (leaf & 0xFFFF) == 0xFFFF)
                    {
                        progress.Report(new LedgerVerificationProgress(bytesDone + offset, totalBytes, result.Range.Size));
                    }

                    if (!MatchCheckpoints(result, pending, ref nextCheckpoint))
                    {
                        return result;
                    }
                }

                result.Segments.Add(segment);
                bytesDone += length;
                progress?.Report(new LedgerVerificationProgress(bytesDone, totalBytes, result.Range.Size));
                if (result.Torn is not null)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (nextCheckpoint < pending.Count)
        {
            var beyond = pending[nextCheckpoint];
            result.Failure = new LedgerIntegrityFailure(
                LedgerFailureKind.CheckpointBeyondLog,
                beyond.File,
                beyond.Offset,
                new LeafIndex(result.Range.Size.Value),
                string.Create(CultureInfo.InvariantCulture, $"{beyond.Name} covers {beyond.Checkpoint.Checkpoint.Head.Size.Value} records but the ledger holds {result.Range.Size.Value}: records were removed"));
            return result;
        }

        result.HashEntriesValid = hashes.ValidEntries(result.Range.Size.Value);
        return result;
    }

    private static bool MatchCheckpoints(Result result, List<CheckpointLog.Entry> pending, ref int next)
    {
        while (next < pending.Count && pending[next].Checkpoint.Checkpoint.Head.Size == result.Range.Size)
        {
            var entry = pending[next];
            var root = result.Range.ComputeRoot();
            if (root != entry.Checkpoint.Checkpoint.Head.RootHash)
            {
                result.Failure = new LedgerIntegrityFailure(
                    LedgerFailureKind.CheckpointRootMismatch,
                    entry.File,
                    entry.Offset,
                    result.Range.Size.Value == 0 ? null : new LeafIndex(result.Range.Size.Value - 1),
                    string.Create(CultureInfo.InvariantCulture, $"{entry.Name} at size {result.Range.Size.Value} has root {entry.Checkpoint.Checkpoint.Head.RootHash} but the records give {root}"));
                return false;
            }

            result.CheckpointsMatched++;
            next++;
        }

        return true;
    }

    private static string? ReadFrame(ref Reader reader, long offset, ulong expectedLeaf, out ReadOnlySpan<byte> record, out int frameLength, out LedgerFailureKind kind)
    {
        record = default;
        frameLength = 0;
        kind = LedgerFailureKind.RecordCorrupt;
        if (!reader.TryGet(offset, 12, out var head))
        {
            return string.Create(CultureInfo.InvariantCulture, $"incomplete frame header ({reader.Length - offset} bytes)");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(head);
        var leaf = BinaryPrimitives.ReadUInt64BigEndian(head[4..]);
        if (length == 0 || length > SegmentFormat.MaxRecordBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"impossible record length {length}");
        }

        frameLength = SegmentFormat.FrameOverhead + (int)length;
        if (!reader.TryGet(offset, frameLength, out var frame))
        {
            return string.Create(CultureInfo.InvariantCulture, $"incomplete frame: {reader.Length - offset} of {frameLength} bytes");
        }

        var stored = BinaryPrimitives.ReadUInt32BigEndian(frame[(12 + (int)length)..]);
        var computed = Crc32C.Compute(frame[..(12 + (int)length)]);
        if (stored != computed)
        {
            return string.Create(CultureInfo.InvariantCulture, $"frame CRC {stored:x8} does not match its bytes ({computed:x8})");
        }

        if (leaf != expectedLeaf)
        {
            kind = LedgerFailureKind.RecordMissing;
            return string.Create(CultureInfo.InvariantCulture, $"frame holds leaf {leaf} where leaf {expectedLeaf} belongs: records are missing or out of order");
        }

        record = frame.Slice(12, (int)length);
        if (!LedgerRecord.IsCanonical(record, out var error))
        {
            kind = LedgerFailureKind.RecordMalformed;
            return "record is not canonical: " + error;
        }

        return null;
    }

    private static string CheckpointLogPath(string dataDirectory) =>
        string.Join('/', LedgerLayout.LedgerFolder, LedgerLayout.CheckpointsFolder, LedgerLayout.CheckpointLogFile);

    /// <summary>Sequential reads over a file through one large buffer.</summary>
    private ref struct Reader
    {
        private readonly SafeFileHandle _handle;
        private readonly byte[] _buffer;
        private long _start;
        private int _filled;

        public Reader(SafeFileHandle handle, long length, byte[] buffer)
        {
            _handle = handle;
            Length = length;
            _buffer = buffer;
        }

        public long Length { get; }

        public bool TryGet(long offset, int count, out ReadOnlySpan<byte> bytes)
        {
            if (offset < _start || offset + count > _start + _filled)
            {
                _start = offset;
                _filled = 0;
                var want = (int)Math.Min(_buffer.Length, Length - offset);
                while (_filled < want)
                {
                    var read = RandomAccess.Read(_handle, _buffer.AsSpan(_filled, want - _filled), offset + _filled);
                    if (read <= 0)
                    {
                        break;
                    }

                    _filled += read;
                }
            }

            var available = (int)Math.Clamp(_start + _filled - offset, 0, count);
            bytes = _buffer.AsSpan((int)(offset - _start), available);
            return available == count;
        }
    }

    /// <summary>Compares recomputed nodes with the stored hash file, read sequentially.</summary>
    private sealed class HashCursor : IDisposable
    {
        private const int Window = 4096;

        private readonly SafeFileHandle? _handle;
        private readonly string _relative;
        private readonly byte[] _window = new byte[Window * Sha256Hash.Size];
        private long _windowStart = -1;
        private long _windowCount;
        private long _stored;
        private long _position;
        private bool _stale;

        private HashCursor(SafeFileHandle? handle, long stored, string relative)
        {
            _handle = handle;
            _stored = stored;
            _relative = relative;
        }

        public static HashCursor Open(string dataDirectory, Result result)
        {
            var path = Path.Combine(LedgerLayout.LedgerDirectory(dataDirectory), LedgerLayout.HashFile);
            var relative = LedgerLayout.Relative(dataDirectory, path);
            if (!File.Exists(path))
            {
                return new HashCursor(null, 0, relative);
            }

            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            Span<byte> header = stackalloc byte[HashFormat.HeaderSize];
            if (length < HashFormat.HeaderSize)
            {
                return new HashCursor(handle, 0, relative);
            }

            if (RandomAccess.Read(handle, header, 0) != HashFormat.HeaderSize || !header.SequenceEqual(HashFormat.Header))
            {
                result.Failure = new LedgerIntegrityFailure(LedgerFailureKind.HashMismatch, relative, 0, null, "tree hash file header is damaged");
            }

            var cursor = new HashCursor(handle, (length - HashFormat.HeaderSize) / Sha256Hash.Size, relative);
            result.HashEntriesStored = cursor._stored;
            return cursor;
        }

        /// <summary>Checks the nodes completed by appending <paramref name="leaf"/>; false (with the failure set) on a mismatch the checkpoints cover.</summary>
        public bool Check(ReadOnlySpan<Sha256Hash> nodes, ulong leaf, ulong checkpointed, Result result)
        {
            for (var level = 0; level < nodes.Length; level++, _position++)
            {
                if (_stale || _position >= _stored)
                {
                    continue;
                }

                var stored = Read(_position);
                if (stored == nodes[level])
                {
                    continue;
                }

                if (leaf < checkpointed)
                {
                    var index = leaf >> level;
                    result.Failure = new LedgerIntegrityFailure(
                        LedgerFailureKind.HashMismatch,
                        _relative,
                        HashFormat.Offset(_position),
                        new LeafIndex(leaf),
                        string.Create(CultureInfo.InvariantCulture, $"stored hash of node (level {level}, index {index}) is {stored} but the records give {nodes[level]}"));
                    return false;
                }

                // Beyond every checkpoint the hashes are only derived data: recovery recomputes them.
                _stale = true;
                _stored = _position;
            }

            return true;
        }

        public long ValidEntries(ulong leaves) => Math.Min(_stored, HashFormat.EntriesFor(leaves));

        private Sha256Hash Read(long position)
        {
            if (position < _windowStart || position >= _windowStart + _windowCount)
            {
                _windowStart = position;
                _windowCount = Math.Min(Window, _stored - position);
                var bytes = _window.AsSpan(0, (int)_windowCount * Sha256Hash.Size);
                var done = 0;
                while (done < bytes.Length)
                {
                    var read = RandomAccess.Read(_handle!, bytes[done..], HashFormat.Offset(position) + done);
                    if (read <= 0)
                    {
                        _windowCount = done / Sha256Hash.Size;
                        break;
                    }

                    done += read;
                }
            }

            return Sha256Hash.FromBytes(_window.AsSpan((int)(position - _windowStart) * Sha256Hash.Size, Sha256Hash.Size));
        }

        public void Dispose() => _handle?.Dispose();
    }
}
