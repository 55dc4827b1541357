namespace Detektr.Sigma.Rules;

/// <summary>
/// A rule tag such as <c>attack.t1053.003</c>: a namespace before the first dot and a name after it.
/// </summary>
/// <param name="Value">The tag as written in the rule.</param>
public readonly record struct SigmaTag(string Value)
{
    /// <summary>The part before the first dot (<c>attack</c>), or the whole tag when there is no dot.</summary>
    public string Namespace => Value.IndexOf('.', StringComparison.Ordinal) is int dot and >= 0 ? Value[..dot] : Value;

    /// <summary>The part after the first dot (<c>t1053.003</c>), or empty.</summary>
    public string Name => Value.IndexOf('.', StringComparison.Ordinal) is int dot and >= 0 ? Value[(dot + 1)..] : string.Empty;

    /// <summary>
    /// The MITRE ATT&amp;CK technique id (<c>T1053.003</c>) when this is an <c>attack.tNNNN</c> tag;
    /// otherwise null.
    /// </summary>
    public string? AttackTechniqueId
    {
        get
        {
            if (!Namespace.Equals("attack", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            string name = Name;
            if (name.Length < 5 || (name[0] != 't' && name[0] != 'T') || !char.IsAsciiDigit(name[1]))
            {
                return null;
            }

            return "T" + name[1..].ToUpperInvariant();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
