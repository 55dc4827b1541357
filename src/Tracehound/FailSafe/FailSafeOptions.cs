namespace Tracehound;

/// <summary>Thresholds of the fail-safe levels. Defaults are documented constants.</summary>
public sealed class FailSafeOptions
{
    /// <summary>Default warning threshold: 70% of quarantine capacity or memory budget.</summary>
    public const double DefaultWarningRatio = 0.70;

    /// <summary>Default critical threshold: 85%.</summary>
    public const double DefaultCriticalRatio = 0.85;

    /// <summary>Default emergency threshold: 95%.</summary>
    public const double DefaultEmergencyRatio = 0.95;

    /// <summary>Default warning error rate: 10 errors per minute.</summary>
    public const int DefaultWarningErrorsPerMinute = 10;

    /// <summary>Default critical error rate: 50 errors per minute.</summary>
    public const int DefaultCriticalErrorsPerMinute = 50;

    /// <summary>Default emergency error rate: 100 errors per minute.</summary>
    public const int DefaultEmergencyErrorsPerMinute = 100;

    /// <summary>Fill ratio (of item count or bytes, whichever is higher) at which the level becomes Warning.</summary>
    public double WarningRatio { get; set; } = DefaultWarningRatio;

    /// <summary>Fill ratio at which the level becomes Critical.</summary>
    public double CriticalRatio { get; set; } = DefaultCriticalRatio;

    /// <summary>Fill ratio at which the level becomes Emergency.</summary>
    public double EmergencyRatio { get; set; } = DefaultEmergencyRatio;

    /// <summary>Errors in the last minute at which the level becomes Warning.</summary>
    public int WarningErrorsPerMinute { get; set; } = DefaultWarningErrorsPerMinute;

    /// <summary>Errors in the last minute at which the level becomes Critical.</summary>
    public int CriticalErrorsPerMinute { get; set; } = DefaultCriticalErrorsPerMinute;

    /// <summary>Errors in the last minute at which the level becomes Emergency.</summary>
    public int EmergencyErrorsPerMinute { get; set; } = DefaultEmergencyErrorsPerMinute;

    /// <summary>
    /// Called once per level change, on the notification lane: it cannot delay or throw into an intercept.
    /// </summary>
    public Action<FailSafeLevelChanged>? OnLevelChanged { get; set; }

    /// <summary>Returns the problems with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(WarningRatio > 0 && WarningRatio <= CriticalRatio && CriticalRatio <= EmergencyRatio && EmergencyRatio <= 1))
        {
            errors.Add($"FailSafe ratios must satisfy 0 < Warning <= Critical <= Emergency <= 1 (were {WarningRatio}, {CriticalRatio}, {EmergencyRatio}).");
        }

        if (!(WarningErrorsPerMinute > 0 && WarningErrorsPerMinute <= CriticalErrorsPerMinute && CriticalErrorsPerMinute <= EmergencyErrorsPerMinute))
        {
            errors.Add($"FailSafe error rates must satisfy 0 < Warning <= Critical <= Emergency (were {WarningErrorsPerMinute}, {CriticalErrorsPerMinute}, {EmergencyErrorsPerMinute}).");
        }

        return errors;
    }
}
