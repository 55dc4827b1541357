using System.Globalization;

namespace Tracehound.Ledger;

/// <summary>
/// Where a data directory keeps the ledger: <c>DIR/ledger/</c> (origin, segments, tree hashes,
/// checkpoints, lock) and <c>DIR/keys/</c> (signing keys). Other components own other sub-folders.
/// </summary>
public static class LedgerLayout
{
    /// <summary>The ledger folder under the data directory.</summary>
    public const string LedgerFolder = "ledger";

    /// <summary>The key folder under the data directory.</summary>
    public const string KeysFolder = "keys";

    /// <summary>The segment folder under the ledger folder.</summary>
    public const string SegmentsFolder = "segments";

    /// <summary>The checkpoint folder under the ledger folder.</summary>
    public const string CheckpointsFolder = "checkpoints";

    /// <summary>The stored tree hash file under the ledger folder.</summary>
    public const string HashFile = "tree.hashes";

    /// <summary>The origin file under the ledger folder.</summary>
    public const string OriginFile = "origin";

    /// <summary>The append-only log of every checkpoint, under the checkpoint folder.</summary>
    public const string CheckpointLogFile = "checkpoints.log";

    /// <summary>The latest checkpoint as plain signed-note text, under the checkpoint folder.</summary>
    public const string LatestCheckpointFile = "latest";

    internal const string LockFile = "LOCK";
    internal const string SegmentExtension = ".seg";
    internal const string IndexExtension = ".idx";

    /// <summary>The ledger folder of a data directory.</summary>
    public static string LedgerDirectory(string dataDirectory) => Path.Combine(dataDirectory, LedgerFolder);

    /// <summary>The key folder of a data directory.</summary>
    public static string KeysDirectory(string dataDirectory) => Path.Combine(dataDirectory, KeysFolder);

    /// <summary>The latest checkpoint file of a data directory.</summary>
    public static string LatestCheckpointPath(string dataDirectory) =>
        Path.Combine(dataDirectory, LedgerFolder, CheckpointsFolder, LatestCheckpointFile);

    internal static string SegmentsDirectory(string dataDirectory) => Path.Combine(dataDirectory, LedgerFolder, SegmentsFolder);

    internal static string CheckpointsDirectory(string dataDirectory) => Path.Combine(dataDirectory, LedgerFolder, CheckpointsFolder);

    internal static string SegmentName(ulong firstLeaf) => firstLeaf.ToString("D20", CultureInfo.InvariantCulture) + SegmentExtension;

    internal static string IndexName(ulong firstLeaf) => firstLeaf.ToString("D20", CultureInfo.InvariantCulture) + IndexExtension;

    internal static string Relative(string dataDirectory, string path) => Path.GetRelativePath(dataDirectory, path).Replace('\\', '/');
}
