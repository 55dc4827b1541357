using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Detektr.Native;

namespace Detektr.Network;

/// <summary>The sinkhole's far end, running inside the sink's network namespace: a DNS resolver that
/// answers every A question with the sink's address, a TCP listener that receives every redirected
/// connection (speaking enough HTTP to record requests, and reading TLS server names), and a
/// transparent UDP socket that records every other datagram with its original destination.</summary>
internal sealed class Sink : IAsyncDisposable
{
    /// <summary>Most records kept per run; further traffic is counted in <see cref="Dropped"/>.</summary>
    public const int MaxRecords = 10_000;

    private const int PreviewBytes = 256;
    private const int MaxConnectionBytes = 64 * 1024;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);
    private static readonly byte[] HttpResponse = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nServer: detektr-sinkhole\r\nContent-Type: application/octet-stream\r\n" +
        "Content-Length: 0\r\nConnection: close\r\n\r\n");

    private readonly TimeProvider _time;
    private readonly Socket _tcp;
    private readonly Socket _dns;
    private readonly Socket _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<NetworkRecord> _records = [];
    private readonly List<Task> _work = [];
    private readonly Thread _udpThread;
    private int _dropped;

    private Sink(TimeProvider time, Socket tcp, Socket dns, Socket udp)
    {
        _time = time;
        _tcp = tcp;
        _dns = dns;
        _udp = udp;
        _udpThread = new Thread(ReceiveDatagrams) { IsBackground = true, Name = "detektr-sink-udp" };
    }

    /// <summary>Records beyond <see cref="MaxRecords"/> that were not kept.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Creates the sink's sockets inside <paramref name="namespacePath"/> and starts serving.</summary>
    public static Sink Start(string namespacePath, TimeProvider time)
    {
        var (tcp, dns, udp) = NetworkNamespace.Run(namespacePath, () =>
        {
            var address = SinkholeAddressing.SinkAddress;
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(address, SinkholeAddressing.TcpPort));
            listener.Listen(512);
            var resolver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            resolver.Bind(new IPEndPoint(address, SinkholeAddressing.DnsPort));
            var datagrams = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            // TPROXY delivers datagrams for any address to this socket unchanged; the original
            // destination arrives as an IP_ORIGDSTADDR control message.
            datagrams.SetRawSocketOption(LibC.SOL_IP, LibC.IP_TRANSPARENT, BitConverter.GetBytes(1));
            datagrams.SetRawSocketOption(LibC.SOL_IP, LibC.IP_RECVORIGDSTADDR, BitConverter.GetBytes(1));
            datagrams.Bind(new IPEndPoint(address, SinkholeAddressing.UdpPort));
            return (listener, resolver, datagrams);
        });
        var sink = new Sink(time, tcp, dns, udp);
        sink._work.Add(Task.Run(sink.AcceptConnectionsAsync));
        sink._work.Add(Task.Run(sink.AnswerQueriesAsync));
        sink._udpThread.Start();
        return sink;
    }

    /// <summary>A snapshot of the records so far, in arrival order.</summary>
    public IReadOnlyList<NetworkRecord> Records()
    {
        lock (_records)
        {
            return _records.OrderBy(r => r.Time).ToList();
        }
    }

    /// <summary>Stops serving and closes every socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _tcp.Dispose();
        _dns.Dispose();
        Task[] pending;
        lock (_work)
        {
            pending = [.. _work];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A connection handler stuck past its idle timeout; its socket is closed below anyway.
        }

        _udpThread.Join(TimeSpan.FromSeconds(2));
        _udp.Dispose();
        _stop.Dispose();
    }

    private void Add(NetworkRecord record)
    {
        lock (_records)
        {
            if (_records.Count >= MaxRecords)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            _records.Add(record);
        }
    }

    private async Task AcceptConnectionsAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _tcp.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var handler = Task.Run(() => ServeConnectionAsync(connection));
            lock (_work)
            {
                _work.RemoveAll(t => t.IsCompleted);
                _work.Add(handler);
            }
        }
    }

    private async Task ServeConnectionAsync(Socket connection)
    {
        using (connection)
        {
            var accepted = _time.GetUtcNow();
            var source = (IPEndPoint)connection.RemoteEndPoint!;
            var destination = OriginalDestination(connection) ?? (IPEndPoint)connection.LocalEndPoint!;
            var buffer = new byte[MaxConnectionBytes];
            var received = 0;
            string? serverName = null;
            var http = false;
            try
            {
                while (received < buffer.Length)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    idle.CancelAfter(IdleTimeout);
                    var count = await connection.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, idle.Token).ConfigureAwait(false);
                    if (count == 0)
                    {
                        break;
                    }

                    received += count;
                    var data = buffer.AsSpan(0, received);
                    if (TlsClientHello.LooksLikeHandshake(data))
                    {
                        if (TlsClientHello.TryReadServerName(data, out serverName) || received >= 16 * 1024)
                        {
                            break;
                        }

                        continue;
                    }

                    if (HttpRequestHead.LooksLikeRequest(data) && HttpRequestHead.TryParse(data, out var head))
                    {
                        http = true;
                        await ReadBodyAsync(connection, head!, buffer, received).ConfigureAwait(false);
                        RecordHttp(accepted, source, destination, head!, received - head!.HeadLength);
                        await connection.SendAsync(HttpResponse, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                        break;
                    }

                    if (!HttpRequestHead.LooksLikeRequest(data) || received > HttpRequestHead.MaxHeadLength)
                    {
                        // Not HTTP: keep reading until the peer stops or goes idle, to count its bytes.
                        continue;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Idle, reset or shut down: what arrived so far is recorded below.
            }

            Add(new NetworkRecord
            {
                Time = accepted, Kind = "tcp",
                SourceIp = source.Address.ToString(), SourcePort = source.Port,
                DestinationIp = destination.Address.ToString(), DestinationPort = destination.Port,
                Bytes = received,
                Preview = received == 0 || http ? null : Convert.ToBase64String(buffer, 0, Math.Min(received, PreviewBytes)),
            });
            if (serverName is not null)
            {
                Add(new NetworkRecord
                {
                    Time = accepted, Kind = "tls",
                    SourceIp = source.Address.ToString(), SourcePort = source.Port,
                    DestinationIp = destination.Address.ToString(), DestinationPort = destination.Port,
                    ServerName = serverName,
                });
            }
        }
    }

    private async Task ReadBodyAsync(Socket connection, HttpRequestHead head, byte[] buffer, int received)
    {
        if (!head.Headers.TryGetValue("Content-Length", out var lengthText) ||
            !long.TryParse(lengthText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
        {
            return;
        }

        var wanted = Math.Min(buffer.Length, head.HeadLength + length);
        while (received < wanted)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            idle.CancelAfter(IdleTimeout);
            var count = await connection.ReceiveAsync(buffer.AsMemory(received, (int)(wanted - received)), SocketFlags.None, idle.Token).ConfigureAwait(false);
            if (count == 0)
            {
                return;
            }

            received += count;
        }
    }

    private void RecordHttp(DateTimeOffset time, IPEndPoint source, IPEndPoint destination, HttpRequestHead head, long bodyBytes)
    {
        var host = head.Headers.FirstOrDefault(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase)).Value
                   ?? $"{destination.Address}:{destination.Port}";
        Add(new NetworkRecord
        {
            Time = time, Kind = "http",
            SourceIp = source.Address.ToString(), SourcePort = source.Port,
            DestinationIp = destination.Address.ToString(), DestinationPort = destination.Port,
            Method = head.Method, Path = head.Target, Host = host, Headers = head.Headers,
            Bytes = Math.Max(0, bodyBytes),
        });
    }

    private static IPEndPoint? OriginalDestination(Socket connection)
    {
        // SO_ORIGINAL_DST returns the sockaddr_in the connection had before the DNAT redirect.
        var address = new byte[16];
        try
        {
            var length = connection.GetRawSocketOption(LibC.SOL_IP, LibC.SO_ORIGINAL_DST, address);
            if (length < 8)
            {
                return null;
            }
        }
        catch (SocketException)
        {
            return null;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(address.AsSpan(2));
        return new IPEndPoint(new IPAddress(address.AsSpan(4, 4)), port);
    }

    private async Task AnswerQueriesAsync()
    {
        var buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _dns.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            var query = buffer.AsSpan(0, received.ReceivedBytes);
            var source = (IPEndPoint)received.RemoteEndPoint;
            if (!DnsMessage.TryReadQuestion(query, out var question))
            {
                Add(Datagram(source, new IPEndPoint(SinkholeAddressing.SinkAddress, SinkholeAddressing.DnsPort), query));
                continue;
            }

            var answer = DnsMessage.BuildAnswer(query, SinkholeAddressing.SinkAddress);
            Add(new NetworkRecord
            {
                Time = _time.GetUtcNow(), Kind = "dns",
                SourceIp = source.Address.ToString(), SourcePort = source.Port,
                DestinationIp = SinkholeAddressing.SinkAddress.ToString(), DestinationPort = SinkholeAddressing.DnsPort,
                QueryName = question.Name, QueryType = question.TypeName, QueryId = question.Id,
                Answers = question.Type == DnsMessage.TypeA ? [SinkholeAddressing.SinkAddress.ToString()] : [],
            });
            try
            {
                await _dns.SendToAsync(answer, SocketFlags.None, source, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The asker is gone; the query is recorded.
            }
        }
    }

    private NetworkRecord Datagram(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> data) => new()
    {
        Time = _time.GetUtcNow(), Kind = "udp",
        SourceIp = source.Address.ToString(), SourcePort = source.Port,
        DestinationIp = destination.Address.ToString(), DestinationPort = destination.Port,
        Bytes = data.Length,
        Preview = data.IsEmpty ? null : Convert.ToBase64String(data[..Math.Min(data.Length, PreviewBytes)]),
    };

    private unsafe void ReceiveDatagrams()
    {
        // .NET cannot surface IP_ORIGDSTADDR, so this socket is read with recvmsg directly.
        var fd = (int)_udp.SafeHandle.DangerousGetHandle();
        var data = new byte[65536];
        var control = new byte[256];
        var name = new byte[16];
        while (!_stop.IsCancellationRequested)
        {
            var descriptor = new LibC.PollDescriptor { Descriptor = fd, Events = LibC.POLLIN };
            if (LibC.Poll(&descriptor, 1, 100) <= 0)
            {
                continue;
            }

            fixed (byte* dataPointer = data)
            fixed (byte* controlPointer = control)
            fixed (byte* namePointer = name)
            {
                var vector = new LibC.IoVector { Base = dataPointer, Length = (nuint)data.Length };
                var message = new LibC.MessageHeader
                {
                    Name = namePointer, NameLength = (uint)name.Length,
                    Vectors = &vector, VectorCount = 1,
                    Control = controlPointer, ControlLength = (nuint)control.Length,
                };
                var count = LibC.ReceiveMessage(fd, &message, LibC.MSG_DONTWAIT);
                if (count < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno is LibC.EAGAIN or LibC.EINTR)
                    {
                        continue;
                    }

                    return;
                }

                var source = ReadSocketAddress(name);
                var destination = ReadOriginalDestination(control.AsSpan(0, (int)message.ControlLength))
                                  ?? new IPEndPoint(SinkholeAddressing.SinkAddress, SinkholeAddressing.UdpPort);
                Add(Datagram(source, destination, data.AsSpan(0, (int)count)));
            }
        }
    }

    private static IPEndPoint ReadSocketAddress(ReadOnlySpan<byte> sockaddr) =>
        new(new IPAddress(sockaddr.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]));

    private static IPEndPoint? ReadOriginalDestination(ReadOnlySpan<byte> control)
    {
        // struct cmsghdr { size_t len; int level; int type; data } with 8-byte alignment on x86-64.
        var offset = 0;
        while (offset + 16 <= control.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(control[offset..]);
            var level = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 8)..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 12)..]);
            if (length < 16 || offset + length > control.Length)
            {
                return null;
            }

            if (level == LibC.SOL_IP && type == LibC.IP_ORIGDSTADDR && length >= 16 + 8)
            {
                return ReadSocketAddress(control.Slice(offset + 16, 8));
            }

            offset += (length + 7) & ~7;
        }

        return null;
    }
}
