namespace Tracehound;

/// <summary>What the quarantine did with a candidate.</summary>
internal enum Admission
{
    Quarantined,
    Duplicate,
}
