namespace Detektr.Validation;

/// <summary>Where something was written in a validation spec: the file and a 1-based line and column
/// (0 when the position is unknown, as for a file that could not be read).</summary>
/// <param name="File">The spec file.</param>
/// <param name="Line">1-based line, or 0.</param>
/// <param name="Column">1-based column, or 0.</param>
public readonly record struct SpecLocation(string File, int Line, int Column)
{
    /// <summary>The whole file, without a position.</summary>
    public static SpecLocation InFile(string file) => new(file, 0, 0);

    /// <summary><c>file:line:column</c>, or the file alone when the position is unknown.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
