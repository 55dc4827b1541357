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

    /// <summary>
    /// Re-derives the level. The request path (<paramref name="includeErrors"/> false) may only raise it;
    /// the maintenance lane (true) sets it, raising or lowering. The reason text is built only on a change.
    /// </summary>
    public void Evaluate(double fillRatio, bool includeErrors)
    {
        var byFill = Classify(fillRatio, options.WarningRatio, options.CriticalRatio, options.EmergencyRatio);
        var level = byFill;
        var errors = 0;
        if (includeErrors)
        {
            errors = _errors.LastMinute();
            var byErrors = Classify(errors, options.WarningErrorsPerMinute, options.CriticalErrorsPerMinute, options.EmergencyErrorsPerMinute);
            if (byErrors > level)
            {
                level = byErrors;
            }
        }

        int previous;
        while (true)
        {
            previous = Volatile.Read(ref _level);
            if (previous == (int)level || (!includeErrors && (int)level < previous))
            {
                // Unchanged, or a request-path evaluation that would lower what maintenance raised.
                return;
            }

            if (Interlocked.CompareExchange(ref _level, (int)level, previous) == previous)
            {
                break;
            }
        }

        var reason = level > byFill
            ? $"{errors} errors in the last minute"
            : $"quarantine fill {fillRatio:P0}";
        hub.Publish(new FailSafeLevelChanged(time.GetUtcNow(), (FailSafeLevel)previous, level, reason));
    }

    private static FailSafeLevel Classify(double value, double warning, double critical, double emergency) =>
        value >= emergency ? FailSafeLevel.Emergency
        : value >= critical ? FailSafeLevel.Critical
        : value >= warning ? FailSafeLevel.Warning
        : FailSafeLevel.Normal;
}
