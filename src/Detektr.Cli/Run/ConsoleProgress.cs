namespace Detektr.Cli.Run;

/// <summary>Shows the run's current stage on one line of stderr (only when stderr is a terminal).</summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    private readonly Lock _gate = new();
    private int _width;

    public void Report(string value)
    {
        lock (_gate)
        {
            var line = $"detektr: {value}…";
            Console.Error.Write("\r" + line.PadRight(_width));
            _width = line.Length;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            if (_width > 0)
            {
                Console.Error.Write("\r" + new string(' ', _width) + "\r");
                _width = 0;
            }
        }
    }
}
