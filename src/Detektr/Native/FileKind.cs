namespace Detektr.Native;

/// <summary>The type of a directory entry, from its <c>st_mode</c>.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
    Unknown,
}
