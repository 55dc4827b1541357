namespace Detektr.Runs;

/// <summary>The seccomp policy of a run.</summary>
/// <param name="Denied">System calls refused with EPERM.</param>
/// <param name="AdditionalDenied">Those denied on top of the default list for this run.</param>
/// <param name="Enforcement">How refusals happen (through the sensor, or directly).</param>
public sealed record SeccompDescription(IReadOnlyList<string> Denied, IReadOnlyList<string> AdditionalDenied, string Enforcement);
