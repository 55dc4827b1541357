using System.Text;

namespace Detektr.Sandbox;

/// <summary>POSIX shell quoting for the generated launch scripts.</summary>
internal static class ShellQuoting
{
    /// <summary>Quotes <paramref name="value"/> in single quotes (a quote becomes <c>'\''</c>).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("arguments cannot contain NUL characters", nameof(value));
        }

        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Quotes every element and joins them with spaces.</summary>
    public static string Join(IEnumerable<string> values)
    {
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Quote(value));
        }

        return builder.ToString();
    }
}
