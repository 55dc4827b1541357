using System.Security.Cryptography;
using System.Text;

namespace Heimdall.Matching;

/// <summary>
/// A stable identity of a finding across scans: a hash of the rule, the package (ecosystem, normalized
/// name, version) and the file, so that line moves and report order do not change it.
/// </summary>
/// <param name="Value">32 lower-case hex digits.</param>
public readonly record struct Fingerprint(string Value)
{
    /// <summary>Computes the fingerprint of a finding's identifying parts.</summary>
    public static Fingerprint Of(string ruleId, string ecosystem, string normalizedName, string? version, string file)
    {
        var text = string.Join('\n', "heimdall/v1", ruleId, ecosystem, normalizedName, version ?? "", file);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new Fingerprint(Convert.ToHexStringLower(hash.AsSpan(0, 16)));
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
