namespace Tracehound;

/// <summary>The stable error codes of <see cref="InterceptError"/>; documented in <c>docs/tracehound-core.md</c>.</summary>
public static class InterceptErrorCodes
{
    /// <summary>The scent is null, its id or source is null, empty or whitespace, or its signal has an undefined severity or no detector.</summary>
    public const string InvalidScent = "invalid_scent";

    /// <summary>The payload nests deeper than the depth limit.</summary>
    public const string PayloadDepthExceeded = "payload_depth_exceeded";

    /// <summary>The payload has more object members than the key limit.</summary>
    public const string PayloadTooManyKeys = "payload_too_many_keys";

    /// <summary>The JSON payload is not well-formed.</summary>
    public const string PayloadInvalidJson = "payload_invalid_json";

    /// <summary>The payload's text is not valid UTF-8 (or has an unpaired surrogate).</summary>
    public const string PayloadInvalidUtf8 = "payload_invalid_utf8";

    /// <summary>An object in the payload has the same key twice.</summary>
    public const string PayloadDuplicateKey = "payload_duplicate_key";

    /// <summary>A number in the payload is not finite.</summary>
    public const string PayloadInvalidNumber = "payload_invalid_number";

    /// <summary>A structured payload refers to itself.</summary>
    public const string PayloadCycle = "payload_cycle";

    /// <summary>A structured payload holds a value with no canonical form.</summary>
    public const string PayloadUnsupportedType = "payload_unsupported_type";

    /// <summary>An unexpected fault inside Tracehound; counted and reported, never thrown.</summary>
    public const string InternalError = "internal_error";

    /// <summary>The agent was disposed.</summary>
    public const string AgentDisposed = "agent_disposed";
}
