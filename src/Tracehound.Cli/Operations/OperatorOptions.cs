using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tracehound.Cli.Output;

namespace Tracehound.Cli.Operations;

/// <summary>The options every operator command takes: where to look (<c>--data</c> or <c>--url</c>/<c>--token</c>) and <c>--json</c>.</summary>
internal sealed class OperatorOptions
{
    public Option<DirectoryInfo> Data { get; } = OperatorTarget.DataOption();

    public Option<string> Url { get; } = OperatorTarget.UrlOption();

    public Option<string> Token { get; } = OperatorTarget.TokenOption();

    public Option<bool> Json { get; } = CommonOptions.Json();

    public Command AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Url);
        command.Options.Add(Token);
        command.Options.Add(Json);
        return command;
    }

    public OperatorTarget Target(ParseResult result) => OperatorTarget.From(result, Data, Url, Token);

    public bool WantsJson(ParseResult result) => result.GetValue(Json);

    /// <summary>Prints an admin document as indented JSON, the same shape the server sent.</summary>
    public static void WriteDocument<T>(CliConsole console, T document, JsonTypeInfo<T> type) =>
        console.WriteJson(JsonSerializer.SerializeToNode(document, type)!);
}
