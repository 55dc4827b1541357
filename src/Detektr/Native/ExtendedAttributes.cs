using System.Runtime.InteropServices;
using System.Text;

namespace Detektr.Native;

/// <summary>Reads and sets the overlayfs attributes of the writable layer (trusted.overlay.opaque).</summary>
internal static unsafe class ExtendedAttributes
{
    /// <summary>The attribute that makes an upper directory hide the lower one of the same name.</summary>
    public const string Opaque = "trusted.overlay.opaque";

    /// <summary>Sets an attribute on <paramref name="path"/> (not following links).</summary>
    public static void Set(string path, string name, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        fixed (byte* pointer = bytes)
        {
            if (LibC.LinkSetExtendedAttribute(path, name, pointer, (nuint)bytes.Length, 0) != 0)
            {
                throw new IOException($"cannot set {name} on {path} (errno {Marshal.GetLastPInvokeError()})");
            }
        }
    }

    /// <summary>Reads an attribute, or null when absent.</summary>
    public static string? Get(string path, string name)
    {
        var buffer = new byte[64];
        fixed (byte* pointer = buffer)
        {
            var length = LibC.LinkGetExtendedAttribute(path, name, pointer, (nuint)buffer.Length);
            return length < 0 ? null : Encoding.ASCII.GetString(buffer, 0, (int)length);
        }
    }
}
