using Microsoft.Extensions.Logging;

namespace Tracehound.AspNetCore.Admin;

/// <summary>The audit without a data directory: every admin action is logged (event 31).</summary>
internal sealed class LoggingAdminAudit(ILogger<LoggingAdminAudit> logger) : IAdminAudit
{
    public bool Durable => false;

    public ValueTask<bool> RecordAsync(string actor, string action, string subject, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        Log.AdminAction(logger, action, subject, actor);
        return ValueTask.FromResult(true);
    }
}
