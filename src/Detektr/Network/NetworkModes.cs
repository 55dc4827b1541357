namespace Detektr.Network;

/// <summary>Wire names of <see cref="NetworkMode"/> (<c>none</c>, <c>sinkhole</c>).</summary>
public static class NetworkModes
{
    /// <summary>The lower-case name.</summary>
    public static string ToWireName(this NetworkMode mode) => mode switch
    {
        NetworkMode.None => "none",
        NetworkMode.Sinkhole => "sinkhole",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown network mode"),
    };

    /// <summary>Parses <c>none</c> or <c>sinkhole</c> (case-insensitive).</summary>
    public static bool TryParse(string? name, out NetworkMode mode)
    {
        switch (name?.ToLowerInvariant())
        {
            case "none": mode = NetworkMode.None; return true;
            case "sinkhole": mode = NetworkMode.Sinkhole; return true;
            default: mode = default; return false;
        }
    }
}
