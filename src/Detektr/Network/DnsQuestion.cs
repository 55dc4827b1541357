namespace Detektr.Network;

/// <summary>The question of a DNS query: transaction id, name and record type.</summary>
/// <param name="Id">Transaction id (matches a query seen by the sensor to the one the sink answered).</param>
/// <param name="Name">The name asked for, lower-cased, without the trailing dot.</param>
/// <param name="Type">The numeric record type.</param>
public readonly record struct DnsQuestion(ushort Id, string Name, ushort Type)
{
    /// <summary>Mnemonic of <see cref="Type"/> (<c>A</c>, <c>AAAA</c>, or <c>TYPE65</c>).</summary>
    public string TypeName => DnsMessage.TypeName(Type);
}
