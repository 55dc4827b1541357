using System.Runtime.InteropServices;

namespace Detektr.Native;

/// <summary>The few libc entry points .NET does not wrap: namespaces, xattrs for the overlay layer,
/// lstat for whiteouts, and recvmsg for the sinkhole's original-destination control messages.
/// Layouts are those of Linux x86-64, the only platform the sandbox supports.</summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc.so.6";

    internal const int O_RDONLY = 0;
    internal const int O_CLOEXEC = 0x80000;
    internal const int CLONE_NEWNET = 0x40000000;
    internal const int XATTR_CREATE = 1;
    internal const short POLLIN = 0x001;
    internal const int EINTR = 4;
    internal const int ESRCH = 3;
    internal const int EAGAIN = 11;
    internal const int MSG_DONTWAIT = 0x40;
    internal const int SOL_IP = 0;
    internal const int IP_TRANSPARENT = 19;
    internal const int IP_RECVORIGDSTADDR = 20;
    internal const int IP_ORIGDSTADDR = 20;
    internal const int SO_ORIGINAL_DST = 80;
    internal const uint S_IFMT = 0xF000;
    internal const uint S_IFCHR = 0x2000;
    internal const int SYS_landlock_create_ruleset = 444;
    internal const uint LANDLOCK_CREATE_RULESET_VERSION = 1;

    [StructLayout(LayoutKind.Sequential)]
    internal struct StatBuffer
    {
        public ulong Device;
        public ulong Inode;
        public ulong LinkCount;
        public uint Mode;
        public uint Uid;
        public uint Gid;
        public int Padding;
        public ulong SpecialDevice;
        public long Size;
        public long BlockSize;
        public long Blocks;
        public long AccessSeconds;
        public long AccessNanoseconds;
        public long ModifySeconds;
        public long ModifyNanoseconds;
        public long ChangeSeconds;
        public long ChangeNanoseconds;
        public long Reserved0;
        public long Reserved1;
        public long Reserved2;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct IoVector
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public void* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport(Library, EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNamespace(int fd, int namespaceType);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport(Library, EntryPoint = "lsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LinkSetExtendedAttribute(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport(Library, EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint LinkGetExtendedAttribute(string path, string name, byte* value, nuint size);

    [LibraryImport(Library, EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LinkStatus(string path, out StatBuffer status);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "recvmsg", SetLastError = true)]
    internal static partial nint ReceiveMessage(int fd, MessageHeader* message, int flags);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long SystemCall(long number, nint argument1, nint argument2, nint argument3);
}
