namespace Detektr.Changes;

/// <summary>How many changed files were copied into the run directory, and how many were not.</summary>
/// <param name="Copied">Files copied.</param>
/// <param name="CopiedBytes">Bytes copied.</param>
/// <param name="Skipped">Files with content that were not copied (over a bound).</param>
/// <param name="MaxFileBytes">The per-file bound.</param>
/// <param name="MaxTotalBytes">The per-run bound.</param>
public sealed record CopySummary(int Copied, long CopiedBytes, int Skipped, long MaxFileBytes, long MaxTotalBytes);
