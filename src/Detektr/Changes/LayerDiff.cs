using Detektr.Artifacts;
using Detektr.Native;
using Detektr.Sandbox;

namespace Detektr.Changes;

/// <summary>Compares the run's writable layer with what the sandbox started from. Overlayfs puts every
/// changed path in the upper directory: whole files (copied up on first write), whiteouts (0:0
/// character devices) for deletions, and opaque directories. Each entry is compared with the host
/// file underneath, or with the seed for fresh directories, and classified.</summary>
internal static class LayerDiff
{
    private const int HeaderBytes = 512;

    /// <summary>The changes of <paramref name="layer"/>, sorted by path.</summary>
    public static List<FileChange> Compute(SandboxLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var changes = new List<FileChange>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        Walk(layer, layer.Upper, "/", insideOpaque: false, changes, present);
        foreach (var (seed, _) in layer.Seeds)
        {
            if (!present.Contains(seed))
            {
                changes.Add(new FileChange { Path = seed, Change = FileChangeKinds.Deleted, Type = "file" });
            }
        }

        changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return changes;
    }

    private static void Walk(SandboxLayer layer, string upperDirectory, string sandboxDirectory, bool insideOpaque,
        List<FileChange> changes, HashSet<string> present)
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(upperDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var upper in entries.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(upper);
            var path = sandboxDirectory == "/" ? "/" + name : sandboxDirectory + "/" + name;
            if (FileStatus.Of(upper) is not { } status)
            {
                continue;
            }

            present.Add(path);
            var fresh = layer.FreshDirectoryOf(path);
            var hostHidden = insideOpaque || (fresh is not null && fresh != path);
            var host = hostHidden ? null : FileStatus.Of(path);
            if (status.IsWhiteout)
            {
                changes.Add(new FileChange { Path = path, Change = FileChangeKinds.Deleted, Type = TypeName(host?.Kind ?? FileKind.Regular) });
                continue;
            }

            if (status.Kind == FileKind.Directory)
            {
                var opaque = ExtendedAttributes.Get(upper, ExtendedAttributes.Opaque) == "y";
                if (fresh == path)
                {
                    Walk(layer, upper, path, insideOpaque: true, changes, present);
                    continue;
                }

                var existed = hostHidden ? layer.Seeds.Keys.Any(s => s.StartsWith(path + "/", StringComparison.Ordinal)) : host is { Kind: FileKind.Directory };
                if (!existed)
                {
                    changes.Add(Describe(path, upper, status, FileChangeKinds.Created));
                }
                else if (opaque)
                {
                    // Removed and made again: the old content is gone, what is inside now is new.
                    changes.Add(Describe(path, upper, status, FileChangeKinds.Modified));
                }
                else if (host is { } before && (before.Permissions != status.Permissions || before.Uid != status.Uid || before.Gid != status.Gid))
                {
                    changes.Add(Describe(path, upper, status, FileChangeKinds.Metadata));
                }

                Walk(layer, upper, path, insideOpaque || opaque, changes, present);
                continue;
            }

            if (layer.Seeds.TryGetValue(path, out var seedHash))
            {
                if (status.Kind == FileKind.Regular && seedHash is { } expected && Sha256Hash.OfFile(upper) == expected)
                {
                    continue;
                }

                changes.Add(Describe(path, upper, status, FileChangeKinds.Modified));
                continue;
            }

            if (host is null)
            {
                changes.Add(Describe(path, upper, status, FileChangeKinds.Created));
                continue;
            }

            var change = Compare(path, upper, status, host.Value);
            if (change is not null)
            {
                changes.Add(Describe(path, upper, status, change));
            }
        }
    }

    private static string? Compare(string hostPath, string upper, FileStatus now, FileStatus before)
    {
        if (now.Kind != before.Kind)
        {
            return FileChangeKinds.Modified;
        }

        var contentChanged = now.Kind switch
        {
            FileKind.Regular => now.Size != before.Size || Sha256Hash.OfFile(upper) != Sha256Hash.OfFile(hostPath),
            FileKind.SymbolicLink => new FileInfo(upper).LinkTarget != new FileInfo(hostPath).LinkTarget,
            _ => false,
        };
        if (contentChanged)
        {
            return FileChangeKinds.Modified;
        }

        // A copy-up without a change (opened for writing, never written) is not reported.
        return now.Permissions != before.Permissions || now.Uid != before.Uid || now.Gid != before.Gid
            ? FileChangeKinds.Metadata
            : null;
    }

    private static FileChange Describe(string path, string upper, FileStatus status, string change)
    {
        string? hash = null;
        string? contentType = null;
        long? size = null;
        string? link = null;
        if (status.Kind == FileKind.Regular)
        {
            size = status.Size;
            hash = Sha256Hash.OfFile(upper).ToString();
            contentType = ArtifactInspector.ContentType(ReadHeader(upper));
        }
        else if (status.Kind == FileKind.SymbolicLink)
        {
            link = new FileInfo(upper).LinkTarget;
        }

        return new FileChange
        {
            Path = path, Change = change, Type = TypeName(status.Kind), Size = size, Sha256 = hash,
            ContentType = contentType, Mode = SandboxLayer.OctalMode(status.Permissions), Uid = status.Uid,
            Gid = status.Gid, LinkTarget = link,
        };
    }

    private static byte[] ReadHeader(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[Math.Min(HeaderBytes, stream.Length)];
            stream.ReadExactly(buffer);
            return buffer;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string TypeName(FileKind kind) => kind switch
    {
        FileKind.Regular => "file",
        FileKind.Directory => "directory",
        FileKind.SymbolicLink => "symlink",
        FileKind.Fifo => "fifo",
        FileKind.Socket => "socket",
        _ => "device",
    };

    /// <summary>Copies changed regular files into <paramref name="filesDirectory"/> (mirroring their
    /// sandbox paths, readable by root only and never executable), smallest first, within both bounds.</summary>
    public static (List<FileChange> Changes, CopySummary Summary) CopyFiles(List<FileChange> changes, SandboxLayer layer,
        string runDirectory, string filesDirectory, long maxFileBytes, long maxTotalBytes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var result = new List<FileChange>(changes);
        var copied = 0;
        var skipped = 0;
        long copiedBytes = 0;
        var order = Enumerable.Range(0, result.Count)
            .Where(i => result[i] is { Type: "file", Change: not FileChangeKinds.Deleted, Size: > 0 })
            .OrderBy(i => result[i].Size)
            .ToList();
        foreach (var index in order)
        {
            var change = result[index];
            var size = change.Size!.Value;
            if (size > maxFileBytes)
            {
                result[index] = change with { CopySkipped = $"larger than the per-file bound of {maxFileBytes} bytes" };
                skipped++;
                continue;
            }

            if (copiedBytes + size > maxTotalBytes)
            {
                result[index] = change with { CopySkipped = $"the run's copy bound of {maxTotalBytes} bytes is used up" };
                skipped++;
                continue;
            }

            var target = Path.Join(filesDirectory, change.Path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(layer.UpperPath(change.Path), target, overwrite: true);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            copiedBytes += size;
            copied++;
            result[index] = change with { Copy = Path.GetRelativePath(runDirectory, target) };
        }

        return (result, new CopySummary(copied, copiedBytes, skipped, maxFileBytes, maxTotalBytes));
    }
}
