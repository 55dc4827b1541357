namespace Detektr.Native;

/// <summary>The parts of <c>lstat</c> the layer diff needs: type, permissions, owner, size and, for devices,
/// the device number (overlayfs marks deletions with a 0:0 character device).</summary>
internal readonly record struct FileStatus(FileKind Kind, uint Mode, uint Uid, uint Gid, long Size, ulong SpecialDevice)
{
    /// <summary>Permission bits, including setuid, setgid and sticky.</summary>
    public uint Permissions => Mode & 0xFFF;

    /// <summary>True for an overlayfs whiteout: a character device with device number 0:0.</summary>
    public bool IsWhiteout => Kind == FileKind.CharacterDevice && SpecialDevice == 0;

    /// <summary>lstat of <paramref name="path"/> (links are not followed), or null when it does not exist
    /// or cannot be examined.</summary>
    public static FileStatus? Of(string path)
    {
        if (LibC.LinkStatus(path, out var status) != 0)
        {
            return null;
        }

        var kind = (status.Mode & LibC.S_IFMT) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
        return new FileStatus(kind, status.Mode, status.Uid, status.Gid, status.Size, status.SpecialDevice);
    }
}
