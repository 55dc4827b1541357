using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Tracehound.AspNetCore.Tests.Support;

/// <summary>
/// A real Kestrel server on loopback (port 0) with Tracehound in front of a few test endpoints, and
/// clients that connect from a chosen loopback address (Linux routes all of 127.0.0.0/8 to loopback).
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public static readonly IPAddress Local1 = IPAddress.Parse("127.0.0.1");
    public static readonly IPAddress Local2 = IPAddress.Parse("127.0.0.2");

    private readonly List<HttpClient> _clients = [];

    private TestHost(WebApplication app, Uri baseAddress, CapturingLoggerProvider logs)
    {
        App = app;
        BaseAddress = baseAddress;
        Logs = logs;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public CapturingLoggerProvider Logs { get; }

    public Agent Agent => App.Services.GetRequiredService<Agent>();

    public TracehoundCounters Counters => App.Services.GetRequiredService<TracehoundCounters>();

    /// <summary>Settings that keep tests fast and deterministic: no compression, a generous rate limit.</summary>
    public static Dictionary<string, string?> Defaults() => new()
    {
        ["Tracehound:Quarantine:Compression"] = "false",
        ["Tracehound:RateLimit:MaxRequests"] = "100000",
    };

    public static async Task<TestHost> StartAsync(
        Dictionary<string, string?>? configuration = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? endpoints = null,
        Action<TracehoundOptions>? configure = null,
        bool useTracehound = true,
        Action<WebApplication>? beforeTracehound = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var settings = Defaults();
        foreach (var (key, value) in configuration ?? [])
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        builder.Services.AddTracehound(configure);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        beforeTracehound?.Invoke(app);
        if (useTracehound)
        {
            app.UseTracehound();
        }

        MapDefaults(app);
        endpoints?.Invoke(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, new Uri(address), logs);
    }

    /// <summary>A client whose connections come from <paramref name="local"/> (127.0.0.1 by default).</summary>
    public HttpClient Client(IPAddress? local = null)
    {
        var from = local ?? Local1;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static void MapDefaults(WebApplication app)
    {
        app.MapGet("/hello", () => "hello");
        app.MapPost("/echo", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var bytes = buffer.ToArray();
            return Results.Text($"{bytes.Length}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}");
        });
    }
}
