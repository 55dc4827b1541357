namespace Detektr.Runs;

/// <summary>A captured output stream.</summary>
/// <param name="File">File name inside the run directory.</param>
/// <param name="Bytes">Bytes the stream produced.</param>
/// <param name="Truncated">True when more was produced than kept.</param>
/// <param name="LimitBytes">The bound.</param>
public sealed record OutputCapture(string File, long Bytes, bool Truncated, long LimitBytes);
