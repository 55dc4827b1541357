using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace Detektr.Network;

/// <summary>The small part of RFC 1035 the sinkhole needs: read the question of a query, and build
/// an answer that points A records at the sink (other types get an empty NOERROR answer).</summary>
public static class DnsMessage
{
    /// <summary>Record type A.</summary>
    public const ushort TypeA = 1;

    /// <summary>Record type AAAA.</summary>
    public const ushort TypeAaaa = 28;

    private const int HeaderLength = 12;
    private const int MaxNameLength = 255;

    /// <summary>Mnemonic of a record type.</summary>
    public static string TypeName(ushort type) => type switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        64 => "SVCB",
        65 => "HTTPS",
        255 => "ANY",
        _ => "TYPE" + type.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Reads the first question of a query message. False for responses, truncated or
    /// malformed messages and messages without a question.</summary>
    public static bool TryReadQuestion(ReadOnlySpan<byte> message, out DnsQuestion question)
    {
        question = default;
        if (message.Length < HeaderLength)
        {
            return false;
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(message);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        if ((flags & 0x8000) != 0 || questions == 0)
        {
            return false;
        }

        var offset = HeaderLength;
        if (!TryReadName(message, ref offset, out var name) || offset + 4 > message.Length)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
        question = new DnsQuestion(id, name, type);
        return true;
    }

    /// <summary>Builds the answer to <paramref name="query"/>: the question echoed, and for A questions one
    /// record pointing at <paramref name="address"/> with a 60-second TTL.</summary>
    public static byte[] BuildAnswer(ReadOnlySpan<byte> query, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!TryReadQuestion(query, out var question))
        {
            throw new ArgumentException("not a DNS query with a question", nameof(query));
        }

        var questionEnd = HeaderLength;
        TryReadName(query, ref questionEnd, out _);
        questionEnd += 4;
        var answerA = question.Type == TypeA && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        var response = new byte[questionEnd + (answerA ? 16 : 0)];
        query[..questionEnd].CopyTo(response);
        var requestFlags = BinaryPrimitives.ReadUInt16BigEndian(query[2..]);
        // QR=1, opcode kept, AA=1, RD kept, RA=1, RCODE=0.
        var flags = (ushort)(0x8000 | (requestFlags & 0x7800) | 0x0400 | (requestFlags & 0x0100) | 0x0080);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(6), (ushort)(answerA ? 1 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(10), 0);
        if (answerA)
        {
            var answer = response.AsSpan(questionEnd);
            BinaryPrimitives.WriteUInt16BigEndian(answer, 0xC00C);
            BinaryPrimitives.WriteUInt16BigEndian(answer[2..], TypeA);
            BinaryPrimitives.WriteUInt16BigEndian(answer[4..], 1);
            BinaryPrimitives.WriteUInt32BigEndian(answer[6..], 60);
            BinaryPrimitives.WriteUInt16BigEndian(answer[10..], 4);
            address.TryWriteBytes(answer[12..], out _);
        }

        return response;
    }

    /// <summary>Builds a query message (used by tests and benchmarks to talk to the sink).</summary>
    public static byte[] BuildQuery(ushort id, string name, ushort type)
    {
        ArgumentNullException.ThrowIfNull(name);
        var labels = name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
        var length = HeaderLength + labels.Sum(l => Encoding.ASCII.GetByteCount(l) + 1) + 1 + 4;
        var message = new byte[length];
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), 0x0100);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), 1);
        var offset = HeaderLength;
        foreach (var label in labels)
        {
            var count = Encoding.ASCII.GetBytes(label, message.AsSpan(offset + 1));
            if (count > 63)
            {
                throw new ArgumentException($"DNS label '{label}' is longer than 63 bytes", nameof(name));
            }

            message[offset] = (byte)count;
            offset += count + 1;
        }

        message[offset++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset), type);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset + 2), 1);
        return message;
    }

    /// <summary>Reads the addresses of A and AAAA records in a response (used by tests).</summary>
    public static IReadOnlyList<IPAddress> ReadAnswerAddresses(ReadOnlySpan<byte> response)
    {
        var addresses = new List<IPAddress>();
        if (response.Length < HeaderLength)
        {
            return addresses;
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(response[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(response[6..]);
        var offset = HeaderLength;
        for (var q = 0; q < questions; q++)
        {
            if (!TryReadName(response, ref offset, out _))
            {
                return addresses;
            }

            offset += 4;
        }

        for (var a = 0; a < answers && offset < response.Length; a++)
        {
            if (!TryReadName(response, ref offset, out _) || offset + 10 > response.Length)
            {
                break;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(response[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(response[(offset + 8)..]);
            offset += 10;
            if (offset + length > response.Length)
            {
                break;
            }

            if ((type == TypeA && length == 4) || (type == TypeAaaa && length == 16))
            {
                addresses.Add(new IPAddress(response.Slice(offset, length)));
            }

            offset += length;
        }

        return addresses;
    }

    private static bool TryReadName(ReadOnlySpan<byte> message, ref int offset, out string name)
    {
        name = string.Empty;
        var builder = new StringBuilder();
        var position = offset;
        var jumped = false;
        var jumps = 0;
        while (true)
        {
            if (position >= message.Length)
            {
                return false;
            }

            var length = message[position];
            if (length == 0)
            {
                position++;
                break;
            }

            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length || ++jumps > 16)
                {
                    return false;
                }

                var target = ((length & 0x3F) << 8) | message[position + 1];
                if (!jumped)
                {
                    offset = position + 2;
                }

                jumped = true;
                position = target;
                continue;
            }

            if ((length & 0xC0) != 0 || position + 1 + length > message.Length)
            {
                return false;
            }

            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            foreach (var b in message.Slice(position + 1, length))
            {
                builder.Append(b is >= 0x21 and < 0x7F ? char.ToLowerInvariant((char)b) : '?');
            }

            if (builder.Length > MaxNameLength)
            {
                return false;
            }

            position += 1 + length;
        }

        if (!jumped)
        {
            offset = position;
        }

        name = builder.ToString();
        return true;
    }
}
