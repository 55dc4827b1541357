namespace Detektr.Sigma.Loading;

/// <summary>Where something is in a rule file.</summary>
/// <param name="File">The file path (or the source name given for in-memory text).</param>
/// <param name="Line">The 1-based line; 0 when unknown.</param>
/// <param name="Column">The 1-based column; 0 when unknown.</param>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    /// <summary>Writes <c>file:line:column</c>.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
