using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tracehound.Ledger;

/// <summary>
/// The durable ledger of a data directory (<c>DIR/ledger/</c>, keys in <c>DIR/keys/</c>): an
/// append-only RFC 9162 log in CRC-checked segment files, with every perfect subtree hash stored on
/// disk so that proofs are read, not recomputed, and only the compact range is held in memory.
/// Open replays and checks everything (see <see cref="Open"/>); appends become durable at
/// <see cref="Commit"/>; commits write Ed25519-signed C2SP checkpoints at a bounded rate.
/// One process writes a directory at a time (a lock file enforces it). Thread-safe.
/// </summary>
public sealed class LedgerStore : IMerkleNodeReader, IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _dataDirectory;
    private readonly LedgerStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly FileStream? _lock;
    private readonly LedgerKeyRing? _keys;
    private readonly List<SegmentInfo> _segments;
    private readonly Dictionary<int, AppendOnlyFile> _readers = [];
    private readonly AppendOnlyFile _hashes;
    private readonly AppendOnlyFile? _checkpointLog;
    private readonly CompactRange _range;
    private readonly SubjectIndex _subjects;
    private readonly byte[] _frame = new byte[SegmentFormat.MaxRecordBytes + SegmentFormat.FrameOverhead];
    private readonly ulong _hashCoveredLeaves;
    private readonly NodeCache _nodeCache = new();
    private AppendOnlyFile? _active;
    private TreeHead _durableHead;
    private int _unsynced;
    private SignedCheckpoint? _latest;
    private DateTimeOffset _latestWrittenAt;
    private bool _faulted;
    private bool _disposed;

    private LedgerStore(string dataDirectory, LedgerStoreOptions options, TimeProvider time, FileStream? lockFile, LedgerKeyRing? keys,
        string origin, List<SegmentInfo> segments, AppendOnlyFile hashes, AppendOnlyFile? checkpointLog, CompactRange range,
        SubjectIndex subjects, SignedCheckpoint? latest, LedgerRecoveryReport recovery, IReadOnlyList<NoteVerifierKey> verifierKeys, ulong hashCoveredLeaves)
    {
        _dataDirectory = dataDirectory;
        _options = options;
        _time = time;
        _lock = lockFile;
        _keys = keys;
        Origin = origin;
        _segments = segments;
        _hashes = hashes;
        _checkpointLog = checkpointLog;
        _range = range;
        _subjects = subjects;
        _latest = latest;
        _latestWrittenAt = time.GetUtcNow();
        Recovery = recovery;
        VerifierKeys = verifierKeys;
        _hashCoveredLeaves = hashCoveredLeaves;
        _durableHead = range.Head;
    }

    /// <summary>The data directory given to <see cref="Open"/>.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>The log origin: first line of every checkpoint and name of the signing keys.</summary>
    public string Origin { get; }

    /// <summary>True when opened with <see cref="LedgerStoreOptions.ReadOnly"/>.</summary>
    public bool IsReadOnly => _options.ReadOnly;

    /// <summary>What recovery found and did at open.</summary>
    public LedgerRecoveryReport Recovery { get; }

    /// <summary>The public keys that checkpoints of this ledger are verified with.</summary>
    public IReadOnlyList<NoteVerifierKey> VerifierKeys { get; private set; }

    /// <summary>The head including appended records that are not durable yet.</summary>
    public TreeHead Head
    {
        get
        {
            lock (_gate)
            {
                return _range.Head;
            }
        }
    }

    /// <summary>The head of what is durable: survives a crash or power loss.</summary>
    public TreeHead DurableHead
    {
        get
        {
            lock (_gate)
            {
                return _durableHead;
            }
        }
    }

    /// <summary>The latest signed checkpoint, or null when none was written yet.</summary>
    public SignedCheckpoint? LatestCheckpoint
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    internal bool WriterAttached { get; set; }

    /// <summary>
    /// Opens (creating when absent) the ledger of <paramref name="directory"/>. Recovery replays
    /// every record: checks CRCs, leaf order and canonical encoding, rebuilds the tree and compares it
    /// with the stored hashes and with every checkpoint root, and verifies the latest checkpoint's
    /// signature. A torn tail (an incomplete or unreadable last frame beyond the last checkpoint, what
    /// a crash leaves) is cut and reported in <see cref="Recovery"/>; stored hashes beyond the last
    /// checkpoint that are missing or stale are recomputed. Anything else — a record altered or
    /// removed, a checkpoint that does not match — fails the open with
    /// <see cref="LedgerIntegrityException"/> naming the file, byte offset and leaf; nothing is repaired.
    /// </summary>
    /// <exception cref="LedgerIntegrityException">The ledger is damaged.</exception>
    /// <exception cref="IOException">Another process holds the ledger open for writing, or a file cannot be read.</exception>
    public static LedgerStore Open(string directory, LedgerStoreOptions? options = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new LedgerStoreOptions();
        options.Validate();
        time ??= TimeProvider.System;
        var dataDirectory = Path.GetFullPath(directory);
        var ledgerDirectory = LedgerLayout.LedgerDirectory(dataDirectory);
        var readOnly = options.ReadOnly;

        if (readOnly && !Directory.Exists(ledgerDirectory))
        {
            throw new DirectoryNotFoundException($"no ledger at {ledgerDirectory}");
        }

        FileStream? lockFile = null;
        LedgerKeyRing? keys = null;
        var disposables = new List<IDisposable>();
        try
        {
            if (!readOnly)
            {
                Directory.CreateDirectory(LedgerLayout.SegmentsDirectory(dataDirectory));
                Directory.CreateDirectory(LedgerLayout.CheckpointsDirectory(dataDirectory));
                lockFile = AcquireLock(Path.Combine(ledgerDirectory, LedgerLayout.LockFile));
                disposables.Add(lockFile);
            }

            var origin = ResolveOrigin(ledgerDirectory, options.Origin, readOnly);
            IReadOnlyList<NoteVerifierKey> verifierKeys;
            if (readOnly)
            {
                verifierKeys = LedgerKeyRing.ReadVerifierKeys(LedgerLayout.KeysDirectory(dataDirectory));
            }
            else
            {
                keys = LedgerKeyRing.OpenOrCreate(LedgerLayout.KeysDirectory(dataDirectory), origin);
                disposables.Add(keys);
                verifierKeys = keys.VerifierKeys;
            }

            var checkpointPath = Path.Combine(LedgerLayout.CheckpointsDirectory(dataDirectory), LedgerLayout.CheckpointLogFile);
            var log = CheckpointLog.Read(dataDirectory, checkpointPath);
            if (log.Failure is not null)
            {
                throw new LedgerIntegrityException(log.Failure);
            }

            var subjects = new SubjectIndex();
            SegmentInfo? visiting = null;
            var scan = LedgerScan.Run(
                dataDirectory,
                log.Entries,
                (segment, leaf, record) =>
                {
                    if (!ReferenceEquals(segment, visiting))
                    {
                        // Only the last segment's subjects stay in memory; sealed ones have index files.
                        subjects.ClearOpen();
                        visiting = segment;
                    }

                    subjects.AddOpen(record, leaf);
                },
                progress: null,
                CancellationToken.None);
            if (scan.Failure is not null)
            {
                throw new LedgerIntegrityException(scan.Failure);
            }

            var latest = log.Entries.Count > 0 ? log.Entries[^1] : null;
            if (latest is not null)
            {
                CheckLatestCheckpoint(dataDirectory, latest, origin, verifierKeys);
            }

            var segments = scan.Segments;
            var count = scan.Range.Size.Value;
            long tornBytes = 0;
            string? tornFile = null;
            if (scan.Torn is { } torn)
            {
                tornBytes = torn.Bytes;
                tornFile = LedgerLayout.Relative(dataDirectory, segments[torn.SegmentOrdinal].Path);
            }

            var hashPath = Path.Combine(ledgerDirectory, LedgerLayout.HashFile);
            AppendOnlyFile hashes;
            AppendOnlyFile? checkpointLog = null;
            long rebuilt = 0;
            ulong covered;
            if (readOnly)
            {
                hashes = File.Exists(hashPath) ? AppendOnlyFile.OpenReadOnly(hashPath) : throw new FileNotFoundException("the tree hash file is missing", hashPath);
                disposables.Add(hashes);
                covered = Math.Min(count, HashFormat.LeavesCoveredBy(scan.HashEntriesValid));
            }
            else
            {
                if (scan.Torn is { } cut)
                {
                    var segment = segments[cut.SegmentOrdinal];
                    if (cut.Offset < SegmentFormat.HeaderSize)
                    {
                        File.Delete(segment.Path);
                        segments.RemoveAt(cut.SegmentOrdinal);
                    }
                    else
                    {
                        using var file = AppendOnlyFile.OpenWritable(segment.Path);
                        file.Truncate(cut.Offset);
                    }
                }

                hashes = AppendOnlyFile.OpenWritable(hashPath);
                disposables.Add(hashes);
                rebuilt = RepairHashes(hashes, scan, segments);
                covered = count;

                checkpointLog = AppendOnlyFile.OpenWritable(checkpointPath);
                disposables.Add(checkpointLog);
                if (checkpointLog.Length < CheckpointLog.HeaderSize)
                {
                    checkpointLog.Truncate(0);
                    checkpointLog.Append(CheckpointLog.Header);
                    checkpointLog.Sync();
                }
                else if (log.TornBytes > 0)
                {
                    checkpointLog.Truncate(log.ValidLength);
                }

                DirectorySync.Flush(ledgerDirectory);
            }

            var report = new LedgerRecoveryReport(
                count,
                scan.Torn?.Leaf,
                tornBytes,
                tornFile,
                rebuilt,
                log.TornBytes,
                latest?.Checkpoint.Checkpoint.Head.Size);
            var store = new LedgerStore(dataDirectory, options, time, lockFile, keys, origin, segments, hashes, checkpointLog, scan.Range,
                subjects, latest?.Checkpoint, report, verifierKeys, covered);
            disposables.Clear();
            if (segments.Count > 0 && !ReferenceEquals(visiting, segments[^1]))
            {
                // The segment the replay ended in was dropped as torn: the open one is now its predecessor.
                subjects.ClearOpen();
                foreach (var (leaf, record) in store.ReadSegment(segments[^1]))
                {
                    subjects.AddOpen(record, leaf);
                }
            }

            if (!readOnly)
            {
                store.OpenActiveSegment();
                if (latest is null)
                {
                    store.WriteCheckpoint();
                }
            }

            return store;
        }
        catch
        {
            foreach (var disposable in disposables)
            {
                disposable.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Appends a record and returns its leaf index. With <see cref="LedgerFsyncPolicy.EveryAppend"/> it is
    /// durable on return; with <see cref="LedgerFsyncPolicy.PerBatch"/> it becomes durable at the next
    /// <see cref="Commit"/> (or the automatic one after <see cref="LedgerStoreOptions.MaxUnsyncedRecords"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The store is read-only, has failed, or a group-commit writer owns it.</exception>
    public LeafIndex Append(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (WriterAttached)
            {
                throw new InvalidOperationException("a GroupCommitLedgerWriter owns this store; enqueue through it");
            }

            return AppendLocked(record);
        }
    }

    internal LeafIndex AppendFromWriter(LedgerRecord record)
    {
        lock (_gate)
        {
            return AppendLocked(record);
        }
    }

    /// <summary>
    /// Makes every appended record durable (fsync of the segment and of the tree hashes) and returns the
    /// durable head. Writes a signed checkpoint when the tree grew and the checkpoint interval passed.
    /// </summary>
    public TreeHead Commit()
    {
        lock (_gate)
        {
            EnsureWritable();
            CommitLocked();
            var interval = _options.CheckpointInterval;
            if ((_latest is null || _latest.Checkpoint.Head.Size < _durableHead.Size)
                && interval != Timeout.InfiniteTimeSpan
                && _time.GetUtcNow() - _latestWrittenAt >= interval)
            {
                WriteCheckpointLocked();
            }

            return _durableHead;
        }
    }

    /// <summary>Commits, then signs and writes a checkpoint of the durable head (even if unchanged).</summary>
    public SignedCheckpoint WriteCheckpoint()
    {
        lock (_gate)
        {
            EnsureWritable();
            CommitLocked();
            return WriteCheckpointLocked();
        }
    }

    /// <summary>Reads the record at <paramref name="index"/>.</summary>
    public LedgerRecord ReadRecord(LeafIndex index) => LedgerRecord.Decode(ReadLeafData(index));

    /// <summary>The leaf data (canonical record bytes) at <paramref name="index"/>.</summary>
    public byte[] ReadLeafData(LeafIndex index)
    {
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index.Value, _range.Size.Value, nameof(index));
            var ordinal = FindSegment(index.Value);
            var segment = _segments[ordinal];
            var file = ReaderFor(ordinal);
            var offset = segment.SparseOffsets[(int)((index.Value - segment.FirstLeaf) / SegmentInfo.SparseStride)];
            Span<byte> head = stackalloc byte[12];
            while (true)
            {
                if (!file.TryRead(offset, head))
                {
                    throw new IOException($"segment {segment.Path} is shorter than its index says");
                }

                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(head);
                if (BinaryPrimitives.ReadUInt64BigEndian(head[4..]) == index.Value)
                {
                    var frame = new byte[SegmentFormat.FrameOverhead + length];
                    if (!file.TryRead(offset, frame) || BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(12 + length)) != Crc32C.Compute(frame.AsSpan(0, 12 + length)))
                    {
                        throw new LedgerIntegrityException(new LedgerIntegrityFailure(LedgerFailureKind.RecordCorrupt, LedgerLayout.Relative(_dataDirectory, segment.Path), offset, index, "frame changed on disk after open"));
                    }

                    return frame[12..(12 + length)];
                }

                offset += SegmentFormat.FrameOverhead + length;
            }
        }
    }

    /// <summary>The stored leaf hash at <paramref name="index"/>.</summary>
    public Sha256Hash GetLeafHash(LeafIndex index)
    {
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index.Value, _range.Size.Value, nameof(index));
            return ReadNodeLocked(0, index.Value);
        }
    }

    /// <summary>The leaves whose record has exactly this subject, in order (an index lookup, not a scan).</summary>
    public IReadOnlyList<LeafIndex> FindBySubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        List<ulong> candidates;
        lock (_gate)
        {
            candidates = _subjects.Candidates(subject, _segments, !IsReadOnly, ReadSegment);
        }

        var subjectBytes = Encoding.UTF8.GetBytes(subject);
        return [.. candidates
            .Select(leaf => new LeafIndex(leaf))
            .Where(leaf => leaf.Value < Head.Size.Value && SubjectIndex.SubjectOf(ReadLeafData(leaf)).SequenceEqual(subjectBytes))];
    }

    /// <summary>The root hash of the tree of the first <paramref name="size"/> leaves.</summary>
    public Sha256Hash GetRootHash(TreeSize size)
    {
        lock (_gate)
        {
            CheckSize(size);
            return size == _range.Size ? _range.ComputeRoot() : MerkleProofs.Root(this, size.Value);
        }
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, read from the stored hashes.</summary>
    public InclusionProof GetInclusionProof(LeafIndex index, TreeSize size)
    {
        lock (_gate)
        {
            CheckSize(size);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index.Value, size.Value, nameof(index));
            return new InclusionProof(index, size, ImmutableArray.Create(MerkleProofs.Inclusion(this, index.Value, size.Value)));
        }
    }

    /// <summary>The consistency proof from the tree of <paramref name="from"/> leaves to that of <paramref name="to"/>.</summary>
    public ConsistencyProof GetConsistencyProof(TreeSize from, TreeSize to)
    {
        lock (_gate)
        {
            CheckSize(to);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(from.Value, to.Value, nameof(from));
            return new ConsistencyProof(from, to, ImmutableArray.Create(MerkleProofs.Consistency(this, from.Value, to.Value)));
        }
    }

    /// <summary>Starts a signing key rotation: a new key signs alongside the current ones (one more signature line).</summary>
    public NoteVerifierKey RotateSigningKey()
    {
        lock (_gate)
        {
            EnsureWritable();
            var key = _keys!.Rotate();
            VerifierKeys = _keys.VerifierKeys;
            return key;
        }
    }

    /// <summary>Ends a rotation: the key stops signing; its public key stays for old checkpoints.</summary>
    public void RetireSigningKey(uint keyId)
    {
        lock (_gate)
        {
            EnsureWritable();
            _keys!.Retire(keyId);
        }
    }

    /// <summary>Writes every public key of this ledger, one verifier key per line, to <paramref name="path"/>.</summary>
    public void ExportPublicKeys(string path) =>
        File.WriteAllText(path, string.Concat(VerifierKeys.Select(k => k + "\n")), new UTF8Encoding(false));

    /// <summary>Commits, writes a final checkpoint when the tree grew since the last one, and releases the directory.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                if (!IsReadOnly && !_faulted)
                {
                    CommitLocked();
                    if (_latest is null || _latest.Checkpoint.Head.Size < _durableHead.Size)
                    {
                        WriteCheckpointLocked();
                    }
                }
            }
            finally
            {
                _active?.Dispose();
                foreach (var reader in _readers.Values)
                {
                    reader.Dispose();
                }

                _hashes.Dispose();
                _checkpointLog?.Dispose();
                _keys?.Dispose();
                _lock?.Dispose();
            }
        }
    }

    Sha256Hash IMerkleNodeReader.ReadNode(int level, ulong index) => ReadNodeLocked(level, index);

    private Sha256Hash ReadNodeLocked(int level, ulong index)
    {
        var position = HashFormat.Position(level, index);
        if (_nodeCache.TryGet(position, out var cached))
        {
            return cached;
        }

        Span<byte> bytes = stackalloc byte[Sha256Hash.Size];
        if (!_hashes.TryRead(HashFormat.Offset(position), bytes))
        {
            throw new InvalidOperationException($"the tree hash of node (level {level}, index {index}) is not stored yet");
        }

        var hash = Sha256Hash.FromBytes(bytes);
        _nodeCache.Add(position, hash);
        return hash;
    }

    private LeafIndex AppendLocked(LedgerRecord record)
    {
        EnsureWritable();
        try
        {
            if (_active!.Length >= _options.MaxSegmentBytes)
            {
                RollSegment();
            }

            // The record limits keep every encoding below the frame buffer's size.
            var leaf = _range.Size.Value;
            var length = record.Write(_frame.AsSpan(12, SegmentFormat.MaxRecordBytes));
            var frame = _frame.AsSpan(0, SegmentFormat.FrameOverhead + length);
            SegmentFormat.WriteFrame(frame, leaf, frame.Slice(12, length));
            var segment = _segments[^1];
            var offset = _active.Length;
            _active.Append(frame);
            segment.NoteFrame(leaf, offset);
            segment.Count++;
            segment.ValidLength = _active.Length;

            var recordBytes = frame.Slice(12, length);
            Span<Sha256Hash> completed = stackalloc Sha256Hash[65];
            var count = _range.Append(MerkleHash.Leaf(recordBytes), completed);
            _hashes.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(completed[..count]));
            _subjects.AddOpen(recordBytes, leaf);
            _unsynced++;

            if (_options.FsyncPolicy == LedgerFsyncPolicy.EveryAppend || _unsynced >= _options.MaxUnsyncedRecords)
            {
                CommitLocked();
            }

            return new LeafIndex(leaf);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The files may now end mid-frame: stop writing; the next open recovers to the last durable state.
            _faulted = true;
            throw;
        }
    }

    private void CommitLocked()
    {
        if (_unsynced == 0 && _durableHead.Size == _range.Size)
        {
            return;
        }

        try
        {
            _active!.Sync();
            _hashes.Sync();
        }
        catch (IOException)
        {
            _faulted = true;
            throw;
        }

        _unsynced = 0;
        _durableHead = _range.Head;
    }

    private SignedCheckpoint WriteCheckpointLocked()
    {
        var checkpoint = SignedCheckpoint.Sign(new Checkpoint(Origin, _durableHead), _keys!.SigningKeys);
        _checkpointLog!.Append(CheckpointLog.Frame(checkpoint));
        _checkpointLog.Sync();

        var latestPath = LedgerLayout.LatestCheckpointPath(_dataDirectory);
        var temporary = latestPath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(Encoding.UTF8.GetBytes(checkpoint.ToString()));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, latestPath, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(latestPath)!);
        _latest = checkpoint;
        _latestWrittenAt = _time.GetUtcNow();
        return checkpoint;
    }

    private void RollSegment()
    {
        var sealedSegment = _segments[^1];
        _active!.Sync();
        _subjects.Seal(sealedSegment);
        _active.Dispose();
        _active = null;
        var next = new SegmentInfo(Path.Combine(LedgerLayout.SegmentsDirectory(_dataDirectory), LedgerLayout.SegmentName(_range.Size.Value)), _range.Size.Value);
        _segments.Add(next);
        OpenActiveSegment();
    }

    private void OpenActiveSegment()
    {
        if (_segments.Count == 0)
        {
            _segments.Add(new SegmentInfo(Path.Combine(LedgerLayout.SegmentsDirectory(_dataDirectory), LedgerLayout.SegmentName(0)), 0));
        }

        var segment = _segments[^1];
        var created = !File.Exists(segment.Path);
        _active = AppendOnlyFile.OpenWritable(segment.Path);
        if (created || _active.Length == 0)
        {
            Span<byte> header = stackalloc byte[SegmentFormat.HeaderSize];
            SegmentFormat.WriteHeader(header, segment.FirstLeaf);
            _active.Append(header);
            _active.Sync();
            DirectorySync.Flush(Path.GetDirectoryName(segment.Path)!);
        }

        if (_readers.Remove(_segments.Count - 1, out var stale))
        {
            stale.Dispose();
        }
    }

    private AppendOnlyFile ReaderFor(int ordinal)
    {
        if (ordinal == _segments.Count - 1 && _active is not null)
        {
            return _active;
        }

        if (!_readers.TryGetValue(ordinal, out var reader))
        {
            reader = AppendOnlyFile.OpenReadOnly(_segments[ordinal].Path);
            _readers[ordinal] = reader;
        }

        return reader;
    }

    private IEnumerable<(ulong Leaf, byte[] Record)> ReadSegment(SegmentInfo segment)
    {
        var records = new List<(ulong, byte[])>();
        for (var leaf = segment.FirstLeaf; leaf < segment.EndLeaf; leaf++)
        {
            records.Add((leaf, ReadLeafData(new LeafIndex(leaf))));
        }

        return records;
    }

    private int FindSegment(ulong leaf)
    {
        int low = 0, high = _segments.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (_segments[mid].FirstLeaf <= leaf)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    private void CheckSize(TreeSize size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size.Value, _range.Size.Value, nameof(size));
        if (IsReadOnly && size.Value > _hashCoveredLeaves)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"tree hashes are stored for {_hashCoveredLeaves} leaves only (a writer has not synced the rest)"));
        }
    }

    private void EnsureWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsReadOnly)
        {
            throw new InvalidOperationException("the ledger was opened read-only");
        }

        if (_faulted)
        {
            throw new InvalidOperationException("the ledger stopped writing after an I/O failure; reopen it to recover");
        }
    }

    /// <summary>Truncates stale or partial stored hashes and appends the missing ones, recomputed from the records.</summary>
    private static long RepairHashes(AppendOnlyFile hashes, LedgerScan.Result scan, List<SegmentInfo> segments)
    {
        var count = scan.Range.Size.Value;
        var needed = HashFormat.EntriesFor(count);
        if (hashes.Length < HashFormat.HeaderSize)
        {
            hashes.Truncate(0);
            hashes.Append(HashFormat.Header);
        }

        if (scan.HashEntriesValid == needed && hashes.Length == HashFormat.Offset(needed))
        {
            return 0;
        }

        var start = HashFormat.LeavesCoveredBy(scan.HashEntriesValid);
        hashes.Truncate(HashFormat.Offset(HashFormat.EntriesFor(start)));
        if (start == count)
        {
            return needed - scan.HashEntriesValid;
        }

        // The compact range at `start` is in the stored prefix; continue from it with the records.
        var nodes = new List<Sha256Hash>();
        var at = 0UL;
        Span<byte> bytes = stackalloc byte[Sha256Hash.Size];
        for (var level = 63; level >= 0; level--)
        {
            if ((start & (1UL << level)) != 0)
            {
                hashes.TryRead(HashFormat.Offset(HashFormat.Position(level, at >> level)), bytes);
                nodes.Add(Sha256Hash.FromBytes(bytes));
                at += 1UL << level;
            }
        }

        var range = CompactRange.FromNodes(new TreeSize(start), [.. nodes]);
        Span<Sha256Hash> completed = stackalloc Sha256Hash[65];
        Span<byte> head = stackalloc byte[12];
        foreach (var segment in segments)
        {
            if (segment.EndLeaf <= start)
            {
                continue;
            }

            using var file = AppendOnlyFile.OpenReadOnly(segment.Path);
            long offset = SegmentFormat.HeaderSize;
            for (var leaf = segment.FirstLeaf; leaf < segment.EndLeaf; leaf++)
            {
                file.TryRead(offset, head);
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(head);
                if (leaf >= start)
                {
                    var record = new byte[length];
                    file.TryRead(offset + 12, record);
                    var written = range.Append(MerkleHash.Leaf(record), completed);
                    hashes.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(completed[..written]));
                }

                offset += SegmentFormat.FrameOverhead + length;
            }
        }

        hashes.Sync();
        if (range.ComputeRoot() != scan.Range.ComputeRoot())
        {
            throw new InvalidOperationException("rebuilt tree hashes disagree with the replayed tree");
        }

        return needed - scan.HashEntriesValid;
    }

    private static void CheckLatestCheckpoint(string dataDirectory, CheckpointLog.Entry latest, string origin, IReadOnlyList<NoteVerifierKey> keys)
    {
        var relative = string.Join('/', LedgerLayout.LedgerFolder, LedgerLayout.CheckpointsFolder, LedgerLayout.CheckpointLogFile);
        if (!string.Equals(latest.Checkpoint.Checkpoint.Origin, origin, StringComparison.Ordinal))
        {
            throw new LedgerIntegrityException(new LedgerIntegrityFailure(LedgerFailureKind.CheckpointCorrupt, relative, latest.Offset, null, $"checkpoint #{latest.Ordinal} is for origin '{latest.Checkpoint.Checkpoint.Origin}', not '{origin}'"));
        }

        var verification = latest.Checkpoint.Verify(keys);
        if (!verification.IsValid)
        {
            throw new LedgerIntegrityException(new LedgerIntegrityFailure(LedgerFailureKind.CheckpointSignature, relative, latest.Offset, null, $"checkpoint #{latest.Ordinal}: {verification.Message}"));
        }
    }

    private static string ResolveOrigin(string ledgerDirectory, string? requested, bool readOnly)
    {
        var path = Path.Combine(ledgerDirectory, LedgerLayout.OriginFile);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (requested is not null && !string.Equals(requested, existing, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the ledger's origin is '{existing}', not '{requested}'");
            }

            return existing;
        }

        if (readOnly)
        {
            throw new FileNotFoundException("the ledger has no origin file", path);
        }

        var origin = requested ?? "tracehound.local/ledger-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        File.WriteAllText(path, origin + "\n", new UTF8Encoding(false));
        return origin;
    }

    private static FileStream AcquireLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new IOException($"the ledger at {Path.GetDirectoryName(path)} is open for writing by another process", exception);
        }
    }
}
