using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Tracehound.Cli.Output;

/// <summary>
/// Where commands write: results to <see cref="Out"/> (plain text, Spectre tables, or one JSON
/// document with <c>--json</c>), progress and errors to <see cref="Error"/>. Tests pass string writers.
/// </summary>
internal sealed class CliConsole
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // Base64 and hex stay readable: no \u002B for '+'.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public CliConsole(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        OutAnsi = Create(output, interactive);
        ErrorAnsi = Create(error, interactive);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when a person watches stderr (a terminal): progress bars are drawn only then.</summary>
    public bool Interactive { get; }

    public IAnsiConsole OutAnsi { get; }

    public IAnsiConsole ErrorAnsi { get; }

    public static CliConsole System() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected && !Console.IsOutputRedirected);

    public void WriteJson(JsonNode node) => Out.WriteLine(node.ToJsonString(JsonOptions));

    public void WriteLine(string text) => Out.WriteLine(text);

    public void WriteError(string text) => Error.WriteLine(text);

    private static IAnsiConsole Create(TextWriter writer, bool interactive) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
