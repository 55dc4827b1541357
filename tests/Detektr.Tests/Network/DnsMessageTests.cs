using System.Net;
using Detektr.Network;
using FsCheck;
using FsCheck.Fluent;

namespace Detektr.Tests.Network;

public sealed class DnsMessageTests
{
    private static Gen<string> Labels =>
        Gen.Choose(1, 20).SelectMany(length =>
            Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray()), length).Select(chars => new string(chars)));

    private static Gen<string> Names =>
        Gen.Choose(1, 4).SelectMany(count => Gen.ArrayOf(Labels, count).Select(labels => string.Join('.', labels)));

    [FsCheck.Xunit.Property]
    public Property A_query_reads_back_as_its_id_name_and_type() =>
        Prop.ForAll(Names.ToArbitrary(), ArbMap.Default.ArbFor<ushort>(), ArbMap.Default.ArbFor<ushort>(), (name, id, type) =>
        {
            var read = DnsMessage.TryReadQuestion(DnsMessage.BuildQuery(id, name, type), out var question);
            return read && question == new DnsQuestion(id, name, type);
        });

    [FsCheck.Xunit.Property]
    public Property Arbitrary_bytes_never_throw() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            DnsMessage.TryReadQuestion(bytes, out _);
            DnsMessage.ReadAnswerAddresses(bytes);
            return true;
        });

    [Fact]
    public void An_a_question_is_answered_with_the_sink_address()
    {
        var query = DnsMessage.BuildQuery(0x1234, "evil.example.com", DnsMessage.TypeA);

        var answer = DnsMessage.BuildAnswer(query, SinkholeAddressing.SinkAddress);

        Assert.Equal(0x12, answer[0]);
        Assert.Equal(0x34, answer[1]);
        Assert.True((answer[2] & 0x80) != 0, "the QR bit marks a response");
        Assert.Equal([SinkholeAddressing.SinkAddress], DnsMessage.ReadAnswerAddresses(answer));
    }

    [Fact]
    public void Other_types_get_an_empty_answer()
    {
        var answer = DnsMessage.BuildAnswer(DnsMessage.BuildQuery(7, "evil.example.com", DnsMessage.TypeAaaa), IPAddress.Parse("10.99.0.1"));

        Assert.Empty(DnsMessage.ReadAnswerAddresses(answer));
        Assert.Equal(0, answer[3] & 0x0F);
    }

    [Fact]
    public void Responses_are_not_read_as_questions()
    {
        var answer = DnsMessage.BuildAnswer(DnsMessage.BuildQuery(7, "a.example", DnsMessage.TypeA), IPAddress.Loopback);

        Assert.False(DnsMessage.TryReadQuestion(answer, out _));
    }

    [Theory]
    [InlineData((ushort)1, "A")]
    [InlineData((ushort)28, "AAAA")]
    [InlineData((ushort)16, "TXT")]
    [InlineData((ushort)65, "HTTPS")]
    [InlineData((ushort)999, "TYPE999")]
    public void Record_types_have_their_mnemonics(ushort type, string name) => Assert.Equal(name, DnsMessage.TypeName(type));
}
