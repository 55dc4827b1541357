using System.Text;
using Detektr.Network;

namespace Detektr.Tests.Network;

public sealed class HttpRequestHeadTests
{
    [Fact]
    public void A_request_head_yields_method_target_and_headers()
    {
        var bytes = Encoding.ASCII.GetBytes("POST /upload?id=7 HTTP/1.1\r\nHost: c2.example\r\nUser-Agent: curl/7.88.1\r\nX-A: 1\r\nX-A: 2\r\n\r\nbody");

        Assert.True(HttpRequestHead.TryParse(bytes, out var head));
        Assert.Equal(("POST", "/upload?id=7", "HTTP/1.1"), (head!.Method, head.Target, head.Version));
        Assert.Equal("c2.example", head.Headers["Host"]);
        Assert.Equal("1, 2", head.Headers["X-A"]);
        Assert.Equal(bytes.Length - 4, head.HeadLength);
    }

    [Fact]
    public void An_incomplete_head_is_not_parsed_yet()
    {
        var bytes = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: a\r\n");

        Assert.True(HttpRequestHead.LooksLikeRequest(bytes));
        Assert.False(HttpRequestHead.TryParse(bytes, out _));
    }

    [Theory]
    [InlineData("\u0016\u0003\u0001")]
    [InlineData("SSH-2.0-OpenSSH")]
    [InlineData("get / HTTP/1.1")]
    public void Other_protocols_do_not_look_like_http(string start) =>
        Assert.False(HttpRequestHead.LooksLikeRequest(Encoding.Latin1.GetBytes(start)));
}
