using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Tracehound.AspNetCore.Benchmarks;

/// <summary>
/// The middleware alone on a clean request, against the same terminal delegate without it: a GET with
/// no body, and a POST whose 1 KiB body the endpoint reads (Tracehound copies it for late flags).
/// </summary>
[MemoryDiagnoser]
public class MiddlewareBenchmarks : IDisposable
{
    private readonly byte[] _body = new byte[1024];
    private readonly byte[] _sink = new byte[4096];
    private ServiceProvider? _provider;
    private RequestDelegate _bare = null!;
    private RequestDelegate _protected = null!;
    private DefaultHttpContext _get = null!;
    private DefaultHttpContext _post = null!;
    private MemoryStream _bodyStream = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The benchmark measures the buffer's cost, not the limiter's verdicts: no source is ever limited.
            ["Tracehound:RateLimit:MaxRequests"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tracehound:RateLimit:Window"] = "1.00:00:00",
        }).Build();
        _provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new BenchEnvironment())
            .AddLogging()
            .AddTracehound()
            .BuildServiceProvider();

        _bare = Endpoint;
        var app = new ApplicationBuilder(_provider);
        app.UseTracehound();
        app.Run(Endpoint);
        _protected = app.Build();

        _get = new DefaultHttpContext { RequestServices = _provider };
        _get.Request.Method = "GET";
        _get.Request.Path = "/api/products";
        _get.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");

        _bodyStream = new MemoryStream(_body);
        _post = new DefaultHttpContext { RequestServices = _provider };
        _post.Request.Method = "POST";
        _post.Request.Path = "/api/orders";
        _post.Request.ContentLength = _body.Length;
        _post.Request.Body = _bodyStream;
        _post.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.4");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // The storage host registered in the provider is IAsyncDisposable only.
        _provider?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _provider = null;
        _bodyStream?.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Cleanup();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public Task GetBare() => _bare(_get);

    [Benchmark]
    public Task GetWithTracehound() => _protected(_get);

    [Benchmark]
    public Task PostBare()
    {
        _bodyStream.Position = 0;
        return _bare(_post);
    }

    [Benchmark]
    public Task PostWithTracehound()
    {
        _bodyStream.Position = 0;
        return _protected(_post);
    }

    private Task Endpoint(HttpContext context)
    {
        if (context.Request.ContentLength is > 0)
        {
            // Synchronous reads keep the measurement about the middleware, not about async machinery.
            var body = context.Request.Body;
            while (body.Read(_sink) > 0)
            {
            }
        }

        return Task.CompletedTask;
    }

    private sealed class BenchEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Benchmark";

        public string ApplicationName { get; set; } = "bench";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
