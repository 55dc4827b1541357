using System.Text;
using Detektr.Sigma.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Detektr.Sigma.Tests.Detection;

[Properties(MaxTest = 200)]
public sealed class Base64OffsetProperties
{
    private static readonly Gen<string> Printable = Gen.Choose(32, 126).Select(c => (char)c).ArrayOf().Select(a => new string(a));

    [Property]
    public Property A_value_is_found_inside_any_base64_text_that_encodes_it(NonEmptyString needle, string before, string after)
    {
        string value = new string(needle.Get.Where(c => c is >= ' ' and <= '~' and not '\'' and not '\\').ToArray());
        if (Encoding.UTF8.GetByteCount(value) < 3)
        {
            return true.ToProperty();
        }

        SigmaRule rule = Rules.Load($"""
            selection:
                CommandLine|base64offset|contains: '{value.Replace("*", "\\*", StringComparison.Ordinal).Replace("?", "\\?", StringComparison.Ordinal)}'
            condition: selection
            """);
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes((before ?? string.Empty) + value + (after ?? string.Empty)));

        return rule.Matches(("CommandLine", encoded)).Label($"'{value}' inside {encoded}");
    }

    [Property]
    public Property Printable_prefixes_and_suffixes_never_hide_the_value() =>
        Prop.ForAll(Printable.ToArbitrary(), Printable.ToArbitrary(), (before, after) =>
        {
            SigmaRule rule = Rules.Load("""
                selection:
                    CommandLine|base64offset|contains: '/dev/tcp/'
                condition: selection
                """);
            string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(before + "/dev/tcp/" + after));
            return rule.Matches(("CommandLine", encoded));
        });
}
