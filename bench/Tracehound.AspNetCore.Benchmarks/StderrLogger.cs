using BenchmarkDotNet.Loggers;

namespace Tracehound.AspNetCore.Benchmarks;

/// <summary>BenchmarkDotNet's progress goes to stderr: stdout carries JSON lines only.</summary>
internal sealed class StderrLogger : ILogger
{
    public string Id => "stderr";

    public int Priority => 0;

    public void Write(LogKind logKind, string text) => Console.Error.Write(text);

    public void WriteLine() => Console.Error.WriteLine();

    public void WriteLine(LogKind logKind, string text) => Console.Error.WriteLine(text);

    public void Flush() => Console.Error.Flush();
}
