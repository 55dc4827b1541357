using System.Globalization;
using System.Text;

namespace Tracehound.Ledger;

/// <summary>
/// The checkpoint signing keys of a data directory (<c>DIR/keys/</c>). Private keys live in
/// <c>keys/signing/&lt;key id&gt;.key</c> (owner read/write only, in a directory only the owner can
/// enter); every public key ever used stays in <c>keys/&lt;key id&gt;.pub</c> so that old checkpoints
/// remain verifiable after a rotation. While several signing keys are present (a rotation in
/// progress) each checkpoint carries one signature line per key.
/// </summary>
public sealed class LedgerKeyRing : IDisposable
{
    private const string SigningFolder = "signing";
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _directory;
    private readonly List<NoteSigningKey> _signingKeys;

    private LedgerKeyRing(string directory, List<NoteSigningKey> signingKeys)
    {
        _directory = directory;
        _signingKeys = signingKeys;
    }

    /// <summary>The keys that sign new checkpoints, oldest first.</summary>
    public IReadOnlyList<NoteSigningKey> SigningKeys => _signingKeys;

    /// <summary>Every public key in the directory, including those of retired keys.</summary>
    public IReadOnlyList<NoteVerifierKey> VerifierKeys => ReadVerifierKeys(_directory);

    /// <summary>
    /// Opens the key directory, generating a first key named <paramref name="keyName"/> when there is
    /// none. Refuses private key files that group or others can read.
    /// </summary>
    public static LedgerKeyRing OpenOrCreate(string keysDirectory, string keyName)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        var signingDirectory = Path.Combine(keysDirectory, SigningFolder);
        CreatePrivateDirectory(keysDirectory);
        CreatePrivateDirectory(signingDirectory);

        var keys = new List<(DateTime Created, NoteSigningKey Key)>();
        foreach (var file in Directory.GetFiles(signingDirectory, "*.key"))
        {
            EnsureOwnerOnly(file);
            var key = NoteSigningKey.Parse(File.ReadAllText(file));
            keys.Add((File.GetCreationTimeUtc(file), key));
        }

        var ring = new LedgerKeyRing(keysDirectory, [.. keys.OrderBy(k => k.Created).ThenBy(k => k.Key.KeyId).Select(k => k.Key)]);
        if (ring._signingKeys.Count == 0)
        {
            ring.AddKey(NoteSigningKey.Generate(keyName));
        }

        return ring;
    }

    /// <summary>Reads every public key (<c>*.pub</c>) of a key directory; no private key is touched.</summary>
    public static IReadOnlyList<NoteVerifierKey> ReadVerifierKeys(string keysDirectory)
    {
        if (!Directory.Exists(keysDirectory))
        {
            return [];
        }

        return [.. Directory.GetFiles(keysDirectory, "*.pub").Order(StringComparer.Ordinal).SelectMany(NoteVerifierKey.ReadFile)];
    }

    /// <summary>
    /// Starts a rotation: generates a new key under the same name. Checkpoints are then signed by
    /// the old and the new key until the old one is retired with <see cref="Retire"/>.
    /// </summary>
    public NoteVerifierKey Rotate()
    {
        var name = _signingKeys[^1].Name;
        var key = NoteSigningKey.Generate(name);
        AddKey(key);
        return key.Verifier;
    }

    /// <summary>
    /// Ends a rotation: deletes the private key with <paramref name="keyId"/> (its public key stays
    /// so that the checkpoints it signed still verify). The last signing key cannot be retired.
    /// </summary>
    public void Retire(uint keyId)
    {
        var key = _signingKeys.FirstOrDefault(k => k.KeyId == keyId)
            ?? throw new ArgumentException($"no signing key with id {keyId:x8}", nameof(keyId));
        if (_signingKeys.Count == 1)
        {
            throw new InvalidOperationException("the last signing key cannot be retired; rotate first");
        }

        var path = PrivateKeyPath(keyId);
        // Overwrite before deleting so the seed does not linger in the freed blocks of a simple file system.
        var length = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Write(new byte[length]);
            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
        _signingKeys.Remove(key);
        key.Dispose();
    }

    /// <summary>Writes every public key, one verifier key per line, to <paramref name="path"/>.</summary>
    public void ExportPublicKeys(string path) =>
        File.WriteAllText(path, string.Concat(VerifierKeys.Select(k => k.ToString() + "\n")), new UTF8Encoding(false));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _signingKeys)
        {
            key.Dispose();
        }

        _signingKeys.Clear();
    }

    private void AddKey(NoteSigningKey key)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using (var stream = new FileStream(PrivateKeyPath(key.KeyId), options))
        {
            stream.Write(Encoding.UTF8.GetBytes(key.ToSignerKeyString() + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.WriteAllText(Path.Combine(_directory, key.KeyId.ToString("x8", CultureInfo.InvariantCulture) + ".pub"), key.Verifier + "\n", new UTF8Encoding(false));
        _signingKeys.Add(key);
    }

    private string PrivateKeyPath(uint keyId) =>
        Path.Combine(_directory, SigningFolder, keyId.ToString("x8", CultureInfo.InvariantCulture) + ".key");

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
    }

    private static void EnsureOwnerOnly(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(file);
        if ((mode & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)) != 0)
        {
            throw new UnauthorizedAccessException($"private key {file} is accessible by group or others (mode {Convert.ToString((int)mode, 8)}); restrict it to 0600");
        }
    }
}
