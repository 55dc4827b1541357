using System.Buffers.Binary;
using System.Text;

namespace Detektr.Artifacts;

/// <summary>Decides how an artifact runs: ELF by its magic, scripts by their <c>#!</c> line, then by their
/// extension, or by an explicit kind. Reads at most the first few kilobytes besides hashing.</summary>
public static class ArtifactInspector
{
    private const int HeaderBytes = 4096;
    private const ushort MachineX86_64 = 62;

    /// <summary>The PATH the sandbox gives its processes, also used to resolve <c>#!/usr/bin/env NAME</c>.</summary>
    public const string SandboxPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly Dictionary<string, ArtifactKind> ExtensionKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        [".sh"] = ArtifactKind.ShellScript,
        [".bash"] = ArtifactKind.ShellScript,
        [".py"] = ArtifactKind.PythonScript,
        [".pl"] = ArtifactKind.PerlScript,
    };

    /// <summary>Short wire name of a kind.</summary>
    public static string KindName(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Elf => "elf",
        ArtifactKind.ShellScript => "shell",
        ArtifactKind.PythonScript => "python",
        ArtifactKind.PerlScript => "perl",
        ArtifactKind.Script => "script",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown artifact kind"),
    };

    /// <summary>Parses a kind name as accepted by <c>--type</c>: elf, shell, python, perl.</summary>
    public static bool TryParseKind(string? name, out ArtifactKind kind)
    {
        switch (name?.ToLowerInvariant())
        {
            case "elf": kind = ArtifactKind.Elf; return true;
            case "shell" or "sh" or "bash": kind = ArtifactKind.ShellScript; return true;
            case "python" or "py": kind = ArtifactKind.PythonScript; return true;
            case "perl" or "pl": kind = ArtifactKind.PerlScript; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>Inspects the file at <paramref name="path"/>. <paramref name="forcedKind"/> overrides the
    /// detection for files without a <c>#!</c> line or with a misleading extension.</summary>
    public static ArtifactInspection Inspect(string path, ArtifactKind? forcedKind = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.NotAFile, $"'{path}' is a directory, not a file");
        }

        if (!File.Exists(fullPath))
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.NotFound, $"artifact '{path}' does not exist");
        }

        var info = new FileInfo(fullPath);
        if (info.LinkTarget is not null)
        {
            info = (FileInfo?)info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }

        if (!IsRegularFile(info.FullName))
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.NotAFile,
                $"'{path}' is not a regular file (device, FIFO or socket)");
        }

        byte[] header;
        long size;
        Sha256Hash hash;
        try
        {
            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
            size = stream.Length;
            header = new byte[Math.Min(HeaderBytes, size)];
            stream.ReadExactly(header);
            stream.Position = 0;
            hash = Sha256Hash.FromBytes(System.Security.Cryptography.SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.Unreadable, $"cannot read '{path}': {ex.Message}");
        }

        if (size == 0)
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.Empty, $"artifact '{path}' is empty");
        }

        var fileName = Path.GetFileName(fullPath);
        if (IsElf(header))
        {
            return InspectElf(path, fullPath, fileName, header, hash, size, forcedKind);
        }

        if (header.Length >= 2 && header[0] == '#' && header[1] == '!')
        {
            return InspectShebang(path, fullPath, fileName, header, hash, size, forcedKind);
        }

        var kind = forcedKind;
        if (kind is null && ExtensionKinds.TryGetValue(Path.GetExtension(fileName), out var byExtension))
        {
            kind = byExtension;
        }

        if (kind is null or ArtifactKind.Elf or ArtifactKind.Script)
        {
            var extension = Path.GetExtension(fileName);
            var extensionText = extension.Length == 0 ? "no extension" : $"the extension '{extension}'";
            return ArtifactInspection.Invalid(ArtifactProblemKind.UnknownType,
                $"cannot tell how to run '{path}': it is not an ELF binary, has no #! line, and {extensionText} " +
                "is not one of .sh, .bash, .py, .pl (pass --type shell|python|perl)");
        }

        var interpreter = DefaultInterpreter(kind.Value, fileName);
        if (!File.Exists(interpreter))
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.MissingInterpreter,
                $"'{path}' needs {interpreter}, which is not installed");
        }

        return ArtifactInspection.Valid(new ArtifactInfo
        {
            HostPath = fullPath, FileName = fileName, Kind = kind.Value, Interpreter = interpreter,
            HasShebang = false, Sha256 = hash, Size = size,
            Description = $"{Describe(kind.Value)} without #! line, run with {interpreter}",
        });
    }

    private static ArtifactInspection InspectElf(string path, string fullPath, string fileName, byte[] header,
        Sha256Hash hash, long size, ArtifactKind? forcedKind)
    {
        if (forcedKind is not null and not ArtifactKind.Elf)
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.UnknownType,
                $"'{path}' is an ELF binary, not a {KindName(forcedKind.Value)} script");
        }

        if (header.Length < 20)
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.UnknownType, $"'{path}' is a truncated ELF file");
        }

        var is64 = header[4] == 2;
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18, 2));
        if (!is64 || machine != MachineX86_64)
        {
            var what = machine switch
            {
                3 => "32-bit x86",
                40 => "ARM",
                183 => "AArch64",
                243 => "RISC-V",
                _ => $"machine {machine}",
            };
            return ArtifactInspection.Invalid(ArtifactProblemKind.UnsupportedArchitecture,
                $"'{path}' is an ELF binary for {what}; the sandbox runs x86-64 binaries only " +
                "(its seccomp filter admits native system calls only)");
        }

        return ArtifactInspection.Valid(new ArtifactInfo
        {
            HostPath = fullPath, FileName = fileName, Kind = ArtifactKind.Elf, Sha256 = hash, Size = size,
            Description = "ELF 64-bit x86-64 executable",
        });
    }

    private static ArtifactInspection InspectShebang(string path, string fullPath, string fileName, byte[] header,
        Sha256Hash hash, long size, ArtifactKind? forcedKind)
    {
        var end = Array.IndexOf(header, (byte)'\n');
        var line = Encoding.UTF8.GetString(header, 2, (end < 0 ? header.Length : end) - 2).Trim();
        // The kernel splits the line at the first blank: the interpreter, then one optional argument.
        var split = line.IndexOfAny([' ', '\t']);
        var interpreter = split < 0 ? line : line[..split];
        var argument = split < 0 ? null : line[(split + 1)..].Trim();
        if (argument?.Length == 0)
        {
            argument = null;
        }

        if (interpreter.Length == 0)
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.UnknownType, $"'{path}' has an empty #! line");
        }

        if (!interpreter.StartsWith('/') || !File.Exists(interpreter))
        {
            return ArtifactInspection.Invalid(ArtifactProblemKind.MissingInterpreter,
                $"'{path}' asks for interpreter '{interpreter}', which does not exist");
        }

        var program = interpreter;
        if (Path.GetFileName(interpreter) == "env" && argument is not null)
        {
            var name = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(a => !a.StartsWith('-')) ?? argument;
            var resolved = ResolveInSandboxPath(name);
            if (resolved is null)
            {
                return ArtifactInspection.Invalid(ArtifactProblemKind.MissingInterpreter,
                    $"'{path}' asks for '{name}' through env, and no '{name}' is on the sandbox PATH");
            }

            program = resolved;
        }

        var kind = forcedKind ?? KindOfInterpreter(Path.GetFileName(program));
        return ArtifactInspection.Valid(new ArtifactInfo
        {
            HostPath = fullPath, FileName = fileName, Kind = kind, Interpreter = interpreter,
            InterpreterArgument = argument, HasShebang = forcedKind is null, Sha256 = hash, Size = size,
            Description = $"{Describe(kind)} (#!{line})",
        });
    }

    private static ArtifactKind KindOfInterpreter(string name)
    {
        if (name is "sh" or "bash" or "dash" or "zsh" or "ksh" or "mksh" or "ash" or "busybox")
        {
            return ArtifactKind.ShellScript;
        }

        if (name.StartsWith("python", StringComparison.Ordinal))
        {
            return ArtifactKind.PythonScript;
        }

        return name.StartsWith("perl", StringComparison.Ordinal) ? ArtifactKind.PerlScript : ArtifactKind.Script;
    }

    private static string DefaultInterpreter(ArtifactKind kind, string fileName) => kind switch
    {
        ArtifactKind.ShellScript when fileName.EndsWith(".bash", StringComparison.OrdinalIgnoreCase) => "/bin/bash",
        ArtifactKind.ShellScript => "/bin/sh",
        ArtifactKind.PythonScript => "/usr/bin/python3",
        ArtifactKind.PerlScript => "/usr/bin/perl",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no default interpreter"),
    };

    private static string Describe(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Elf => "ELF executable",
        ArtifactKind.ShellScript => "shell script",
        ArtifactKind.PythonScript => "Python script",
        ArtifactKind.PerlScript => "Perl script",
        _ => "script",
    };

    private static string? ResolveInSandboxPath(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        foreach (var directory in SandboxPath.Split(':'))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsElf(ReadOnlySpan<byte> header) =>
        header.Length >= 4 && header[0] == 0x7F && header[1] == (byte)'E' && header[2] == (byte)'L' && header[3] == (byte)'F';

    private static bool IsRegularFile(string path) => Native.FileStatus.Of(path)?.Kind == Native.FileKind.Regular;

    /// <summary>Classifies content for change records: <c>elf</c>, <c>script</c>, <c>text</c>, <c>data</c>
    /// or <c>empty</c>, from its first bytes.</summary>
    public static string ContentType(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty)
        {
            return "empty";
        }

        if (IsElf(header))
        {
            return "elf";
        }

        if (header.Length >= 2 && header[0] == '#' && header[1] == '!')
        {
            return "script";
        }

        foreach (var b in header)
        {
            if (b == 0 || (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C or 0x1B)))
            {
                return "data";
            }
        }

        return "text";
    }
}
