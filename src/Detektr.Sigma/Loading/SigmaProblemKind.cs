namespace Detektr.Sigma.Loading;

/// <summary>Why a rule could not be loaded, or what a loaded rule should be checked for.</summary>
public enum SigmaProblemKind
{
    /// <summary>The file is not valid YAML (or could not be read).</summary>
    MalformedYaml,

    /// <summary>The rule breaks the Sigma specification (missing title, bad condition, bad value...).</summary>
    InvalidRule,

    /// <summary>The rule uses a Sigma feature this engine does not evaluate.</summary>
    UnsupportedFeature,

    /// <summary>The rule's log source has no mapping to a Detektr event type.</summary>
    UnmappedLogsource,

    /// <summary>Another rule loaded earlier has the same id.</summary>
    DuplicateId,

    /// <summary>Not fatal: the rule loads, but something in it deserves a look (it may never match).</summary>
    Warning,
}
