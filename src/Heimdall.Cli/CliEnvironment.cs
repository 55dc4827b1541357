using Spectre.Console;

namespace Heimdall.Cli;

/// <summary>Where a command writes and what time it is: the real console, or test doubles.</summary>
internal sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>True when stderr is a terminal that can show live progress.</summary>
    public bool Interactive { get; init; }

    public IAnsiConsole Console => _console ??= Create(Out);

    public IAnsiConsole ErrorConsole => _errorConsole ??= Create(Error);

    /// <summary>A console on a writer; redirected output gets a wide fixed width so CI logs do not wrap.</summary>
    public IAnsiConsole Create(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!Interactive)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    private IAnsiConsole? _console;
    private IAnsiConsole? _errorConsole;

    public static CliEnvironment FromConsole() => new()
    {
        Out = System.Console.Out,
        Error = System.Console.Error,
        Time = TimeProvider.System,
        Interactive = !System.Console.IsErrorRedirected && !System.Console.IsOutputRedirected,
    };
}
