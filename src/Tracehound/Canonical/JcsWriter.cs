using System.Globalization;
using System.Text.Unicode;

namespace Tracehound;

/// <summary>
/// Writes the primitive tokens of RFC 8785 (JSON Canonicalization Scheme): strings with the minimal
/// escaping JCS prescribes and numbers in the ECMAScript shortest round-trip form.
/// </summary>
internal static class JcsWriter
{
    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>Writes a UTF-8 string value (already unescaped and validated) as a JCS string literal.</summary>
    public static bool TryWriteString(CanonicalBuffer buffer, ReadOnlySpan<byte> utf8)
    {
        if (!buffer.TryWrite((byte)'"'))
        {
            return false;
        }

        var runStart = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b >= 0x20 && b != '"' && b != '\\')
            {
                continue;
            }

            if (!buffer.TryWrite(utf8[runStart..i]) || !TryWriteEscape(buffer, b))
            {
                return false;
            }

            runStart = i + 1;
        }

        return buffer.TryWrite(utf8[runStart..]) && buffer.TryWrite((byte)'"');
    }

    /// <summary>Writes a UTF-16 string as a JCS string literal; false with <paramref name="invalid"/> set on an unpaired surrogate.</summary>
    public static bool TryWriteString(CanonicalBuffer buffer, ReadOnlySpan<char> text, out bool invalid)
    {
        invalid = false;
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent((text.Length * 3) + 1);
        try
        {
            var status = Utf8.FromUtf16(text, rented, out _, out var written, replaceInvalidSequences: false);
            if (status != System.Buffers.OperationStatus.Done)
            {
                invalid = true;
                return false;
            }

            return TryWriteString(buffer, rented.AsSpan(0, written));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>Writes a finite double in the ECMAScript Number.prototype.toString form RFC 8785 requires.</summary>
    public static bool TryWriteNumber(CanonicalBuffer buffer, double value)
    {
        if (value == 0)
        {
            // Both +0 and -0 serialize as "0".
            return buffer.TryWrite((byte)'0');
        }

        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        text = text[..length];

        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        // Split .NET's shortest round-trip text into its significant digits and the decimal exponent n
        // such that value = 0.d1d2...dk x 10^n (the s, k, n of ECMA-262 Number::toString).
        var exponent = 0;
        var e = text.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        Span<char> digits = stackalloc char[32];
        var k = 0;
        var point = text.IndexOf('.');
        var integerDigits = point >= 0 ? point : text.Length;
        foreach (var c in text)
        {
            if (c != '.')
            {
                digits[k++] = c;
            }
        }

        var n = integerDigits + exponent;
        var lead = 0;
        while (lead < k - 1 && digits[lead] == '0')
        {
            lead++;
            n--;
        }

        var significant = digits[lead..k];
        var trimmed = significant.TrimEnd('0');
        if (trimmed.IsEmpty)
        {
            trimmed = significant[..1];
        }

        k = trimmed.Length;

        Span<byte> output = stackalloc byte[40];
        var o = 0;
        if (negative)
        {
            output[o++] = (byte)'-';
        }

        if (k <= n && n <= 21)
        {
            foreach (var c in trimmed)
            {
                output[o++] = (byte)c;
            }

            for (var i = 0; i < n - k; i++)
            {
                output[o++] = (byte)'0';
            }
        }
        else if (0 < n && n <= 21)
        {
            for (var i = 0; i < k; i++)
            {
                if (i == n)
                {
                    output[o++] = (byte)'.';
                }

                output[o++] = (byte)trimmed[i];
            }
        }
        else if (-6 < n && n <= 0)
        {
            output[o++] = (byte)'0';
            output[o++] = (byte)'.';
            for (var i = 0; i < -n; i++)
            {
                output[o++] = (byte)'0';
            }

            foreach (var c in trimmed)
            {
                output[o++] = (byte)c;
            }
        }
        else
        {
            output[o++] = (byte)trimmed[0];
            if (k > 1)
            {
                output[o++] = (byte)'.';
                for (var i = 1; i < k; i++)
                {
                    output[o++] = (byte)trimmed[i];
                }
            }

            output[o++] = (byte)'e';
            var power = n - 1;
            output[o++] = power > 0 ? (byte)'+' : (byte)'-';
            Math.Abs(power).TryFormat(output[o..], out var powerLength, default, CultureInfo.InvariantCulture);
            o += powerLength;
        }

        return buffer.TryWrite(output[..o]);
    }

    private static bool TryWriteEscape(CanonicalBuffer buffer, byte b)
    {
        switch (b)
        {
            case (byte)'"': return buffer.TryWrite("\\\""u8);
            case (byte)'\\': return buffer.TryWrite("\\\\"u8);
            case (byte)'\b': return buffer.TryWrite("\\b"u8);
            case (byte)'\t': return buffer.TryWrite("\\t"u8);
            case (byte)'\n': return buffer.TryWrite("\\n"u8);
            case (byte)'\f': return buffer.TryWrite("\\f"u8);
            case (byte)'\r': return buffer.TryWrite("\\r"u8);
            default:
                Span<byte> escape = [(byte)'\\', (byte)'u', (byte)'0', (byte)'0', Hex[b >> 4], Hex[b & 0xF]];
                return buffer.TryWrite(escape);
        }
    }
}
