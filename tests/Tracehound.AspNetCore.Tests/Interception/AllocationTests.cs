using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tracehound.AspNetCore.Tests.Interception;

public class AllocationTests
{
    [Fact]
    public async Task A_clean_request_through_the_middleware_allocates_nothing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestHost.Defaults()).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new Env())
            .AddLogging()
            .AddTracehound();
        await using var provider = services.BuildServiceProvider();
        var app = new ApplicationBuilder(provider);
        app.UseTracehound();
        app.Run(_ => Task.CompletedTask);
        var pipeline = app.Build();

        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Method = "GET";
        context.Request.Path = "/api/products";
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        for (var i = 0; i < 100; i++)
        {
            await pipeline(context);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            var pending = pipeline(context);
            Assert.True(pending.IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Null(context.Features.Get<ITracehoundFeature>());
        Assert.Equal(1100, provider.GetRequiredService<Agent>().Counts.Clean);
    }

    private sealed class Env : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
