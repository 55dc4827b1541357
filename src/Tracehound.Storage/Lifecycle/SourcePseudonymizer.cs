using System.Security.Cryptography;
using System.Text;

namespace Tracehound.Storage;

/// <summary>
/// Turns request sources (client addresses: personal data) into stable pseudonyms for the ledger:
/// HMAC-SHA256 under a random key kept in the data directory, truncated to 128 bits. A plain hash would
/// not do: the IPv4 space is small enough to hash exhaustively.
/// </summary>
internal sealed class SourcePseudonymizer
{
    public const string KeyFileName = "source-pseudonym.key";
    private readonly byte[] _key;

    // Sources repeat (a client sends many requests): a small cache saves an HMAC per event. It is
    // cleared when full rather than evicted entry by entry; a miss only costs the HMAC again.
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private SourcePseudonymizer(byte[] key) => _key = key;

    public static SourcePseudonymizer Open(string keysDirectory)
    {
        Directory.CreateDirectory(keysDirectory);
        var path = Path.Combine(keysDirectory, KeyFileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length != 32)
            {
                throw new InvalidDataException($"{path}: expected a 32-byte key, found {existing.Length} bytes.");
            }

            return new SourcePseudonymizer(existing);
        }

        // Written beside the final name and renamed into place, so a crash leaves either no key (a new
        // one is made next time, before any record used it) or the whole key, never an empty file.
        var key = RandomNumberGenerator.GetBytes(32);
        var temporary = path + ".tmp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only from the moment the file exists: the key must never be readable by others.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(key);
            file.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another opener won the race: use its key.
            File.Delete(temporary);
            return Open(keysDirectory);
        }

        return new SourcePseudonymizer(key);
    }

    public string Pseudonym(string source)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue(source, out var known))
            {
                return known;
            }
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(source), mac);
        var pseudonym = Convert.ToHexStringLower(mac[..16]);
        lock (_gate)
        {
            if (_cache.Count >= 4096)
            {
                _cache.Clear();
            }

            _cache[source] = pseudonym;
        }

        return pseudonym;
    }
}
