using Tracehound.Samples.Api;

// dotnet run --project samples/Tracehound.Samples.Api -- [--urls http://127.0.0.1:5080] [--data DIR] [--bare]
var options = new SampleApiOptions { Args = args };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--urls" when i + 1 < args.Length: options.Url = args[++i]; break;
        case "--data" when i + 1 < args.Length: options.DataDirectory = args[++i]; break;
        case "--bare": options.EnableTracehound = false; break;
        default: break;
    }
}

var app = SampleApi.Build(options);
await using (app.ConfigureAwait(false))
{
    await app.RunAsync().ConfigureAwait(false);
}
