namespace Tracehound;

/// <summary>
/// Rate-limits alerts: up to a number per window pass; the first one over the limit is replaced by a
/// single <see cref="AlertCodes.AlertFlood"/> escalation; the rest of the window is suppressed and counted.
/// </summary>
internal sealed class AlertGate(NotificationOptions options, TimeProvider time, NotificationHub hub)
{
    private readonly Lock _gate = new();
    private readonly long _windowTicks = (long)(options.AlertWindow.TotalSeconds * time.TimestampFrequency);
    private long _windowStart = long.MinValue;
    private int _inWindow;
    private long _raised;
    private long _suppressed;

    public long Raised => Interlocked.Read(ref _raised);

    public long Suppressed => Interlocked.Read(ref _suppressed);

    public void Raise(string code, Severity severity, string message, ThreatSignature? signature)
    {
        var now = time.GetTimestamp();
        bool flood;
        lock (_gate)
        {
            if (_windowStart == long.MinValue || now - _windowStart >= _windowTicks)
            {
                _windowStart = now;
                _inWindow = 0;
            }

            _inWindow++;
            if (_inWindow > options.MaxAlertsPerWindow + 1)
            {
                _suppressed++;
                return;
            }

            flood = _inWindow == options.MaxAlertsPerWindow + 1;
            if (flood)
            {
                _suppressed++;
            }
        }

        Interlocked.Increment(ref _raised);
        var utcNow = time.GetUtcNow();
        hub.Publish(flood
            ? new Alert(utcNow, AlertCodes.AlertFlood, Severity.High, $"More than {options.MaxAlertsPerWindow} alerts within {options.AlertWindow}; further alerts in this window are suppressed and counted.")
            : new Alert(utcNow, code, severity, message, signature));
    }
}
