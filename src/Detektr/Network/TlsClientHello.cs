using System.Buffers.Binary;
using System.Text;

namespace Detektr.Network;

/// <summary>Reads the server name (SNI) of a TLS ClientHello, so TLS connections to the sink still say
/// which host they were meant for.</summary>
public static class TlsClientHello
{
    /// <summary>True when <paramref name="data"/> starts with a TLS handshake record.</summary>
    public static bool LooksLikeHandshake(ReadOnlySpan<byte> data) =>
        data.Length >= 3 && data[0] == 0x16 && data[1] == 0x03;

    /// <summary>Extracts the first host name of the server_name extension; false when the record is not
    /// complete yet or carries none.</summary>
    public static bool TryReadServerName(ReadOnlySpan<byte> data, out string? serverName)
    {
        serverName = null;
        if (data.Length < 5 || !LooksLikeHandshake(data))
        {
            return false;
        }

        var recordLength = BinaryPrimitives.ReadUInt16BigEndian(data[3..]);
        if (data.Length < 5 + recordLength)
        {
            return false;
        }

        var hello = data.Slice(5, recordLength);
        if (hello.Length < 4 || hello[0] != 0x01)
        {
            return false;
        }

        // type(1) length(3) version(2) random(32)
        var offset = 4 + 2 + 32;
        if (!Skip8(hello, ref offset) || !Skip16(hello, ref offset) || !Skip8(hello, ref offset) || offset + 2 > hello.Length)
        {
            return false;
        }

        var extensionsEnd = offset + 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[offset..]);
        offset += 2;
        while (offset + 4 <= Math.Min(extensionsEnd, hello.Length))
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(hello[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(hello[(offset + 2)..]);
            offset += 4;
            if (offset + length > hello.Length)
            {
                return false;
            }

            if (type == 0 && length >= 5)
            {
                var list = hello.Slice(offset, length);
                var nameLength = BinaryPrimitives.ReadUInt16BigEndian(list[3..]);
                if (list[2] == 0 && 5 + nameLength <= list.Length)
                {
                    serverName = Encoding.ASCII.GetString(list.Slice(5, nameLength));
                    return true;
                }
            }

            offset += length;
        }

        return false;
    }

    private static bool Skip8(ReadOnlySpan<byte> data, ref int offset)
    {
        if (offset >= data.Length)
        {
            return false;
        }

        offset += 1 + data[offset];
        return offset <= data.Length;
    }

    private static bool Skip16(ReadOnlySpan<byte> data, ref int offset)
    {
        if (offset + 2 > data.Length)
        {
            return false;
        }

        offset += 2 + BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
        return offset <= data.Length;
    }
}
