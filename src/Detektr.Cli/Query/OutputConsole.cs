using Spectre.Console;

namespace Detektr.Cli.Query;

/// <summary>The Spectre console for a command's standard output: colours only on a terminal, and a wide
/// fixed width when redirected so that tables in files and CI logs do not wrap at 80 columns.</summary>
internal static class OutputConsole
{
    private const int RedirectedWidth = 240;

    public static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    public static IAnsiConsole ForStandardOutput() => Create(Console.Out, !Console.IsOutputRedirected);
}
