namespace Detektr.Runs;

/// <summary>Landlock for a run: the ABI the kernel offers and whether the run was restricted by it.</summary>
/// <param name="KernelAbi">The ABI version, or null when unavailable.</param>
/// <param name="Applied">True when a Landlock ruleset restricted the artifact.</param>
/// <param name="Note">Why, in words.</param>
public sealed record LandlockDescription(int? KernelAbi, bool Applied, string Note);
