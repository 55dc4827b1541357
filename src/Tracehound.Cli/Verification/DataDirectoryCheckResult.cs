using System.Text.Json.Nodes;

namespace Tracehound.Cli.Verification;

/// <summary>The outcome of one check: intact with details, or the first failing position and reason.</summary>
/// <param name="Name">The check's name.</param>
/// <param name="IsIntact">True when nothing failed.</param>
/// <param name="Position">Where it failed (file, byte offset, record), null when intact.</param>
/// <param name="Reason">Why it failed, null when intact.</param>
/// <param name="Details">Figures for the report (head, counts, notes), printed as a table row or JSON.</param>
internal sealed record DataDirectoryCheckResult(string Name, bool IsIntact, string? Position, string? Reason, JsonObject Details);
