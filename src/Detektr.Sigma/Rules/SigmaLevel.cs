namespace Detektr.Sigma.Rules;

/// <summary>How critical a match of the rule is, as the Sigma specification grades it.</summary>
public enum SigmaLevel
{
    /// <summary>For enrichment; no alert is expected.</summary>
    Informational,

    /// <summary>Notable but rarely an incident.</summary>
    Low,

    /// <summary>Relevant; reviewed manually.</summary>
    Medium,

    /// <summary>Should trigger a prompt review.</summary>
    High,

    /// <summary>Indicates an incident.</summary>
    Critical,
}
