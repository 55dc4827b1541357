using System.Buffers.Binary;
using System.Text;
using Detektr.Network;

namespace Detektr.Tests.Network;

public sealed class TlsClientHelloTests
{
    private static byte[] ClientHello(string serverName)
    {
        var name = Encoding.ASCII.GetBytes(serverName);
        var sni = new List<byte>();
        sni.AddRange(U16(name.Length + 3));
        sni.Add(0);
        sni.AddRange(U16(name.Length));
        sni.AddRange(name);
        var extensions = new List<byte>();
        extensions.AddRange(U16(0x000a));
        extensions.AddRange(U16(2));
        extensions.AddRange(U16(0));
        extensions.AddRange(U16(0));
        extensions.AddRange(U16(sni.Count));
        extensions.AddRange(sni);
        var body = new List<byte> { 0x03, 0x03 };
        body.AddRange(new byte[32]);
        body.Add(0);
        body.AddRange(U16(2));
        body.AddRange(U16(0x1301));
        body.Add(1);
        body.Add(0);
        body.AddRange(U16(extensions.Count));
        body.AddRange(extensions);
        var handshake = new List<byte> { 0x01, 0, (byte)(body.Count >> 8), (byte)body.Count };
        handshake.AddRange(body);
        var record = new List<byte> { 0x16, 0x03, 0x01 };
        record.AddRange(U16(handshake.Count));
        record.AddRange(handshake);
        return record.ToArray();
    }

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    [Fact]
    public void The_server_name_is_read_from_a_client_hello()
    {
        Assert.True(TlsClientHello.TryReadServerName(ClientHello("update.example.org"), out var name));
        Assert.Equal("update.example.org", name);
    }

    [Fact]
    public void A_partial_record_is_not_read_yet()
    {
        var hello = ClientHello("update.example.org");

        Assert.True(TlsClientHello.LooksLikeHandshake(hello));
        Assert.False(TlsClientHello.TryReadServerName(hello.AsSpan(0, hello.Length - 5), out _));
    }
}
