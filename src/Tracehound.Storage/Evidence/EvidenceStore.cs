using Microsoft.Data.Sqlite;

namespace Tracehound.Storage;

/// <summary>
/// The durable copy of the quarantine: one SQLite database in WAL mode with full synchronisation, one
/// row per piece of evidence held (metadata and the bytes as held, usually Brotli). Rows are written
/// and deleted in batches by <see cref="EvidenceWriter"/>; at start-up they are read back to rebuild the
/// quarantine. See docs/storage.md for why SQLite rather than append-only segments.
/// </summary>
public sealed class EvidenceStore : IDisposable
{
    /// <summary>The folder of the store under the data directory.</summary>
    public const string Folder = "evidence";

    /// <summary>The database file name.</summary>
    public const string FileName = "evidence.db";

    private const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;
    private SqliteCommand? _put;
    private SqliteCommand? _delete;

    private EvidenceStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The database path for a data directory.</summary>
    public static string PathFor(string dataDirectory) => System.IO.Path.Combine(dataDirectory, Folder, FileName);

    /// <summary>Opens (creating when absent) the store of a data directory.</summary>
    /// <exception cref="InvalidDataException">The file is not a Tracehound evidence store of a supported version.</exception>
    public static EvidenceStore Open(string dataDirectory, bool readOnly = false)
    {
        var path = PathFor(dataDirectory);
        if (!readOnly)
        {
            CreateOwnerOnlyFolder(System.IO.Path.GetDirectoryName(path)!);
        }
        else if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no evidence store at {path}", path);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            // One connection per store instance; pooled handles would keep the file open after disposal.
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            if (!readOnly && !OperatingSystem.IsWindows())
            {
                // Before WAL mode is set: SQLite gives new -wal and -shm files the database file's mode.
                foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            var store = new EvidenceStore(connection, path);
            store.Initialize(readOnly);
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The store holds raw payloads (request bodies, possibly passwords) and client addresses: like the
    /// signing keys, it is readable by the owner only, also when an older version created it wider.
    /// </summary>
    private static void CreateOwnerOnlyFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(folder, OwnerOnly);
        File.SetUnixFileMode(folder, OwnerOnly);
    }

    /// <summary>Rows held.</summary>
    public long Count()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM evidence";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Every row, in quarantine order, with its row id (the position reported on a failure).</summary>
    public IEnumerable<(long RowId, StoredEvidence? Evidence, string? Problem)> ReadAll()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT rowid, signature, sequence, scent_id, severity, detector, rule_id, source, captured_at, size, codec, bytes
            FROM evidence ORDER BY sequence
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var rowId = reader.GetInt64(0);
            yield return TryReadRow(reader, out var stored, out var problem) ? (rowId, stored, null) : (rowId, null, problem);
        }
    }

    /// <summary>Applies a batch of puts and deletes in one transaction; durable when it returns. Live captures are skipped: the writer resolves them first.</summary>
    public void Apply(IReadOnlyList<EvidenceWrite> batch)
    {
        using var transaction = _connection.BeginTransaction();
        _put ??= PreparePut();
        _delete ??= PrepareDelete();
        _put.Transaction = transaction;
        _delete.Transaction = transaction;
        foreach (var write in batch)
        {
            if (write.Put is { } stored)
            {
                var p = _put.Parameters;
                p["$signature"].Value = stored.Signature.ToString();
                p["$sequence"].Value = stored.Sequence;
                p["$scent_id"].Value = stored.Id;
                p["$severity"].Value = (int)stored.Severity;
                p["$detector"].Value = stored.Detector;
                p["$rule_id"].Value = (object?)stored.RuleId ?? DBNull.Value;
                p["$source"].Value = stored.Source;
                p["$captured_at"].Value = stored.CapturedAt.ToUnixTimeMilliseconds();
                p["$size"].Value = stored.Size;
                p["$codec"].Value = (int)stored.Codec;
                p["$bytes"].Value = stored.Bytes;
                _put.ExecuteNonQuery();
            }
            else if (write.Delete is { } signature)
            {
                _delete.Parameters["$signature"].Value = signature.ToString();
                _delete.Parameters["$sequence"].Value = write.Sequence;
                _delete.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    /// <summary>Reads a configuration value kept beside the evidence (e.g. the last options digest).</summary>
    public string? GetMeta(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Writes a configuration value.</summary>
    public void SetMeta(string key, string value)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO meta(key, value) VALUES($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _put?.Dispose();
        _delete?.Dispose();
        _connection.Dispose();
    }

    private void Initialize(bool readOnly)
    {
        using var command = _connection.CreateCommand();
        if (readOnly)
        {
            command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
            var version = command.ExecuteScalar() as string;
            if (version != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidDataException($"{Path}: unsupported evidence store schema version '{version}'.");
            }

            return;
        }

        // WAL lets readers (verify, the admin endpoints) run beside the writer; FULL makes every
        // committed batch durable before Apply returns.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS evidence (
                signature TEXT PRIMARY KEY,
                sequence INTEGER NOT NULL,
                scent_id TEXT NOT NULL,
                severity INTEGER NOT NULL,
                detector TEXT NOT NULL,
                rule_id TEXT,
                source TEXT NOT NULL,
                captured_at INTEGER NOT NULL,
                size INTEGER NOT NULL,
                codec INTEGER NOT NULL,
                bytes BLOB NOT NULL);
            INSERT INTO meta(key, value) VALUES('schema_version', '1') ON CONFLICT(key) DO NOTHING;
            """;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        var stored = command.ExecuteScalar() as string;
        if (stored != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException($"{Path}: unsupported evidence store schema version '{stored}'.");
        }
    }

    /// <summary>
    /// Reads one row. A row altered on disk may hold any SQLite type in any column: it is reported as a
    /// problem of that row, never thrown, so one bad row neither stops a recovery nor crashes a verifier.
    /// </summary>
    private static bool TryReadRow(SqliteDataReader reader, out StoredEvidence? stored, out string? problem)
    {
        stored = null;
        try
        {
            var signatureText = reader.GetString(1);
            if (!ThreatSignature.TryParse(signatureText, out var signature))
            {
                problem = $"the signature '{signatureText}' is malformed";
                return false;
            }

            var severity = reader.GetInt32(4);
            var codec = reader.GetInt32(10);
            if (severity is < 0 or > 3 || codec is < 0 or > 1)
            {
                problem = $"severity {severity} or codec {codec} is out of range";
                return false;
            }

            if (reader.GetValue(11) is not byte[] bytes)
            {
                problem = "the stored bytes are not a blob";
                return false;
            }

            stored = new StoredEvidence(
                reader.GetString(3),
                signature,
                (Severity)severity,
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                reader.GetInt32(9),
                reader.GetInt64(2),
                (EvidenceCodec)codec,
                bytes);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is InvalidCastException or InvalidOperationException or FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            problem = $"a column holds a value of the wrong type or range ({ex.GetType().Name})";
            return false;
        }
    }

    private SqliteCommand PreparePut()
    {
        var command = _connection.CreateCommand();
        command.CommandText = """
            INSERT INTO evidence(signature, sequence, scent_id, severity, detector, rule_id, source, captured_at, size, codec, bytes)
            VALUES($signature, $sequence, $scent_id, $severity, $detector, $rule_id, $source, $captured_at, $size, $codec, $bytes)
            ON CONFLICT(signature) DO UPDATE SET
                sequence = excluded.sequence, scent_id = excluded.scent_id, severity = excluded.severity,
                detector = excluded.detector, rule_id = excluded.rule_id, source = excluded.source,
                captured_at = excluded.captured_at, size = excluded.size, codec = excluded.codec, bytes = excluded.bytes
            """;
        foreach (var name in new[] { "$signature", "$sequence", "$scent_id", "$severity", "$detector", "$rule_id", "$source", "$captured_at", "$size", "$codec", "$bytes" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private SqliteCommand PrepareDelete()
    {
        var command = _connection.CreateCommand();
        // The sequence guards against deleting a newer capture of the same signature.
        command.CommandText = "DELETE FROM evidence WHERE signature = $signature AND sequence = $sequence";
        command.Parameters.Add(new SqliteParameter { ParameterName = "$signature" });
        command.Parameters.Add(new SqliteParameter { ParameterName = "$sequence" });
        command.Prepare();
        return command;
    }
}
