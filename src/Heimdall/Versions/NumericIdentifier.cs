namespace Heimdall.Versions;

/// <summary>
/// Compares runs of decimal digits of any length by value, so components beyond 64 bits order correctly
/// (the stock libraries parse them into int or long and fail or wrap).
/// </summary>
internal static class NumericIdentifier
{
    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Drops leading zeros, keeping one digit for zero itself.</summary>
    public static string TrimLeadingZeros(string digits)
    {
        var start = 0;
        while (start < digits.Length - 1 && digits[start] == '0')
        {
            start++;
        }

        return start == 0 ? digits : digits[start..];
    }

    /// <summary>Compares two digit runs already stripped of leading zeros.</summary>
    public static int Compare(string left, string right)
    {
        if (left.Length != right.Length)
        {
            return left.Length < right.Length ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(left, right));
    }
}
