namespace Tracehound;

/// <summary>How evidence bytes are held in memory.</summary>
public enum EvidenceCodec
{
    /// <summary>Uncompressed canonical bytes (before the background lane compresses them, or when compression does not pay).</summary>
    None = 0,

    /// <summary>Brotli (RFC 7932) from the BCL; chosen by measurement, see <c>docs/tracehound-core.md</c>.</summary>
    Brotli = 1,
}
