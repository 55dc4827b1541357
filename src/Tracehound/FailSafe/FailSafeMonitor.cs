namespace Tracehound;

/// <summary>
/// Derives the fail-safe level from the quarantine's fill ratio and the error rate, and announces each
/// change exactly once. Evaluation is arithmetic only, so it may run after every quarantine change.
/// </summary>
internal sealed class FailSafeMonitor(FailSafeOptions options, TimeProvider time, NotificationHub hub)
{
    private readonly ErrorRateWindow _errors = new(time);
    private int _level;

    public FailSafeLevel Level => (FailSafeLevel)Volatile.Read(ref _level);

    public int ErrorsLastMinute => _errors.LastMinute();

    public void RecordError() => _errors.Record();

    public void Evaluate(double fillRatio, bool includeErrors)
    {
        var byFill = fillRatio >= options.EmergencyRatio ? FailSafeLevel.Emergency
            : fillRatio >= options.CriticalRatio ? FailSafeLevel.Critical
            : fillRatio >= options.WarningRatio ? FailSafeLevel.Warning
            : FailSafeLevel.Normal;
        var level = byFill;
        var reason = $"quarantine fill {fillRatio:P0}";
        if (includeErrors)
        {
            var errors = _errors.LastMinute();
            var byErrors = errors >= options.EmergencyErrorsPerMinute ? FailSafeLevel.Emergency
                : errors >= options.CriticalErrorsPerMinute ? FailSafeLevel.Critical
                : errors >= options.WarningErrorsPerMinute ? FailSafeLevel.Warning
                : FailSafeLevel.Normal;
            if (byErrors > level)
            {
                level = byErrors;
                reason = $"{errors} errors in the last minute";
            }
        }
        else if ((int)level < Volatile.Read(ref _level))
        {
            // Without the error rate at hand (hot path), only raise; the maintenance lane lowers.
            return;
        }

        var previous = Interlocked.Exchange(ref _level, (int)level);
        if (previous != (int)level)
        {
            hub.Publish(new FailSafeLevelChanged(time.GetUtcNow(), (FailSafeLevel)previous, level, reason));
        }
    }
}
