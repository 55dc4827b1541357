namespace Detektr.Sigma.Detection;

/// <summary>
/// The <c>base64offset</c> encodings. A value inside a larger base64 string encodes differently
/// depending on whether it starts at byte 0, 1 or 2 of a 3-byte group; for each shift the characters
/// that depend on the unknown neighbouring bytes are cut off, leaving the part that is always the same.
/// </summary>
internal static class Base64Offsets
{
    private static readonly int[] StartCut = [0, 2, 3];
    private static readonly int[] EndCut = [0, 3, 2];

    public static string[] Encode(ReadOnlySpan<byte> data)
    {
        var results = new string[3];
        for (int shift = 0; shift < 3; shift++)
        {
            byte[] shifted = new byte[shift + data.Length];
            data.CopyTo(shifted.AsSpan(shift));
            string encoded = Convert.ToBase64String(shifted);
            int start = StartCut[shift];
            int end = encoded.Length - EndCut[(data.Length + shift) % 3];
            results[shift] = end > start ? encoded[start..end] : string.Empty;
        }

        return results;
    }
}
