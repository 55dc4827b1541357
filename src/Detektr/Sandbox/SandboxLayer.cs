using System.Globalization;
using Detektr.Native;

namespace Detektr.Sandbox;

/// <summary>The run's writable layer: an overlayfs upper directory over the host's root. Fresh
/// directories (/tmp, /var/tmp, /root, /home, /run) are made opaque so the sandbox starts with them
/// empty; seeded files (the artifact, a skeleton home) are placed in them and remembered, so that the
/// diff afterwards reports only what the run changed.</summary>
internal sealed class SandboxLayer
{
    /// <summary>Directories that start empty in every sandbox.</summary>
    public static readonly IReadOnlyList<string> DefaultFreshDirectories = ["/tmp", "/var/tmp", "/root", "/home", "/run"];

    private readonly Dictionary<string, Sha256Hash?> _seeds = new(StringComparer.Ordinal);
    private readonly List<string> _fresh = [];
    private readonly List<string> _masked = [];

    private SandboxLayer(string root)
    {
        Root = root;
        Upper = Path.Join(root, "upper");
        Work = Path.Join(root, "work");
        Merged = Path.Join(root, "merged");
    }

    /// <summary>The scratch directory holding the layer (inside the run directory).</summary>
    public string Root { get; }

    /// <summary>The overlay's upper directory: every change the sandbox makes lands here.</summary>
    public string Upper { get; }

    /// <summary>The overlay's work directory.</summary>
    public string Work { get; }

    /// <summary>Where the overlay is mounted, inside Detektr's private mount namespace.</summary>
    public string Merged { get; }

    /// <summary>The fresh directories, as sandbox paths.</summary>
    public IReadOnlyList<string> FreshDirectories => _fresh;

    /// <summary>Host paths hidden behind an empty tmpfs inside the sandbox (the run store).</summary>
    public IReadOnlyList<string> MaskedPaths => _masked;

    /// <summary>Files placed in the layer before the run, by sandbox path, with their digests.</summary>
    public IReadOnlyDictionary<string, Sha256Hash?> Seeds => _seeds;

    /// <summary>Creates the layer's directories under <paramref name="root"/>.</summary>
    public static SandboxLayer Create(string root)
    {
        var layer = new SandboxLayer(root);
        foreach (var directory in new[] { layer.Upper, layer.Work, layer.Merged })
        {
            Directory.CreateDirectory(directory);
        }

        return layer;
    }

    /// <summary>Makes <paramref name="sandboxPath"/> start empty, with the host directory's mode.</summary>
    public void AddFreshDirectory(string sandboxPath)
    {
        var upper = UpperPath(sandboxPath);
        Directory.CreateDirectory(upper);
        var mode = FileStatus.Of(sandboxPath) is { Kind: FileKind.Directory } host ? host.Permissions : 0x1ED; // 0755
        File.SetUnixFileMode(upper, (UnixFileMode)mode);
        ExtendedAttributes.Set(upper, ExtendedAttributes.Opaque, "y");
        _fresh.Add(sandboxPath);
    }

    /// <summary>Places a copy of <paramref name="hostFile"/> at <paramref name="sandboxPath"/> in the layer.</summary>
    public void SeedFile(string sandboxPath, string hostFile, UnixFileMode mode)
    {
        var upper = UpperPath(sandboxPath);
        Directory.CreateDirectory(Path.GetDirectoryName(upper)!);
        File.Copy(hostFile, upper, overwrite: true);
        File.SetUnixFileMode(upper, mode);
        _seeds[sandboxPath] = Sha256Hash.OfFile(upper);
    }

    /// <summary>Records a host path that the sandbox sees as an empty directory.</summary>
    public void Mask(string hostPath) => _masked.Add(hostPath);

    /// <summary>The upper-layer path of a sandbox path.</summary>
    public string UpperPath(string sandboxPath) => Path.Join(Upper, sandboxPath.TrimStart('/'));

    /// <summary>The fresh directory <paramref name="sandboxPath"/> lies in, or null.</summary>
    public string? FreshDirectoryOf(string sandboxPath) =>
        _fresh.FirstOrDefault(f => sandboxPath == f || sandboxPath.StartsWith(f + "/", StringComparison.Ordinal));

    /// <summary>True when <paramref name="sandboxPath"/> existed in the sandbox when the artifact started.</summary>
    public bool ExistedAtStart(string sandboxPath)
    {
        if (_masked.Any(m => sandboxPath == m || sandboxPath.StartsWith(m + "/", StringComparison.Ordinal)))
        {
            return sandboxPath.Length == _masked.First(m => sandboxPath.StartsWith(m, StringComparison.Ordinal)).Length;
        }

        if (FreshDirectoryOf(sandboxPath) is { } fresh)
        {
            return sandboxPath == fresh || _seeds.ContainsKey(sandboxPath) ||
                   _seeds.Keys.Any(s => s.StartsWith(sandboxPath + "/", StringComparison.Ordinal));
        }

        return FileStatus.Of(sandboxPath) is not null;
    }

    /// <summary>Octal text of a mode (<c>0644</c>).</summary>
    public static string OctalMode(uint permissions) =>
        "0" + Convert.ToString(permissions & 0xFFF, 8).PadLeft(3, '0').ToString(CultureInfo.InvariantCulture);
}
