using System.CommandLine;
using Tracehound.Cli.Output;

namespace Tracehound.Cli.Operations;

/// <summary>
/// What an operator command looks at: a data directory on disk (offline, read-only), or a running
/// application's admin endpoints (<c>--url</c> with a bearer token from <c>--token</c> or the
/// <c>TRACEHOUND_ADMIN_TOKEN</c> environment variable, so the token need not appear in shell history).
/// </summary>
internal sealed record OperatorTarget(string? DataDirectory, Uri? Url, string? Token)
{
    public const string TokenVariable = "TRACEHOUND_ADMIN_TOKEN";

    public bool IsOnline => Url is not null;

    public static Option<DirectoryInfo> DataOption() => new("--data")
    {
        Description = "Read a data directory offline (the application may be running)",
    };

    public static Option<string> UrlOption() => new("--url")
    {
        Description = "A running application's admin base address, e.g. http://127.0.0.1:5080/tracehound",
    };

    public static Option<string> TokenOption() => new("--token")
    {
        Description = $"The admin bearer token (default: ${TokenVariable})",
    };

    public static OperatorTarget From(ParseResult result, Option<DirectoryInfo> data, Option<string> url, Option<string> token)
    {
        var directory = result.GetValue(data);
        var text = result.GetValue(url);
        if ((directory is null) == (text is null))
        {
            throw new UsageException("give either --data DIR (offline) or --url URL (a running application)");
        }

        if (directory is not null)
        {
            return new OperatorTarget(CommonOptions.RequireDirectory(directory), null, null);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--url must be an absolute http(s) address, not '{text}'");
        }

        var secret = result.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new UsageException($"--url needs the admin token: --token TOKEN or ${TokenVariable}");
        }

        return new OperatorTarget(null, address, secret);
    }
}
