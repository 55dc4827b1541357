using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tracehound.AspNetCore.Admin;

/// <summary>
/// Serves the admin endpoints under the configured prefix (see <c>docs/aspnetcore.md</c>). Every request
/// must come from an allowed network (both the connection's peer and the forwarded client address are
/// checked) and carry a bearer token, compared in constant time; revealing a payload needs the reveal
/// token. Evidence reads and reveals are audited.
/// </summary>
internal sealed class AdminEndpoints
{
    private static readonly string s_version = typeof(AdminEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly Agent _agent;
    private readonly TracehoundSettings _settings;
    private readonly TracehoundCounters _counters;
    private readonly TracehoundMetrics _metrics;
    private readonly TracehoundLifetime _lifetime;
    private readonly RecentEvents _recent;
    private readonly IAdminAudit _audit;
    private readonly IAdminLedger? _ledger;
    private readonly ILogger _logger;

    public AdminEndpoints(
        Agent agent,
        TracehoundSettings settings,
        TracehoundCounters counters,
        TracehoundMetrics metrics,
        TracehoundLifetime lifetime,
        RecentEvents recent,
        IAdminAudit audit,
        ILogger<AdminEndpoints> logger,
        IAdminLedger? ledger = null)
    {
        _agent = agent;
        _settings = settings;
        _counters = counters;
        _metrics = metrics;
        _lifetime = lifetime;
        _recent = recent;
        _audit = audit;
        _ledger = ledger;
        _logger = logger;
    }

    public PathString Prefix => _settings.AdminPrefix;

    public async Task HandleAsync(HttpContext context, PathString remaining)
    {
        var route = Route(context.Request.Method, remaining, out var signature, out var allow);
        var endpoint = route.ToString().ToLowerInvariant();
        context.Response.Headers.CacheControl = "no-store";

        var access = Authorize(context, route == AdminRoute.Reveal, out var actor);
        if (access != Access.Granted)
        {
            _counters.AdminDenied();
            _metrics.AdminRequest(endpoint, access.ToString().ToLowerInvariant());
            Log.AdminDenied(_logger, context.Request.Method, context.Request.Path.Value ?? "/", ClientAddress.PeerOf(context)?.ToString() ?? "unknown", Describe(access));
            if (access == Access.InsufficientScope)
            {
                await _audit.RecordAsync(actor, "admin.reveal_denied", signature ?? "-", Attributes(("reason", "insufficient_scope")), context.RequestAborted).ConfigureAwait(false);
            }

            await DenyAsync(context, access).ConfigureAwait(false);
            return;
        }

        _metrics.AdminRequest(endpoint, "ok");
        switch (route)
        {
            case AdminRoute.Status:
                await WriteJsonAsync(context, 200, Status(), AdminJsonContext.Default.StatusDocument).ConfigureAwait(false);
                break;
            case AdminRoute.Stats:
                await WriteJsonAsync(context, 200, Stats(), AdminJsonContext.Default.StatsDocument).ConfigureAwait(false);
                break;
            case AdminRoute.EvidenceList:
                await EvidenceListAsync(context, actor).ConfigureAwait(false);
                break;
            case AdminRoute.Evidence:
                await EvidenceAsync(context, signature!, actor).ConfigureAwait(false);
                break;
            case AdminRoute.Checkpoint:
                await CheckpointAsync(context).ConfigureAwait(false);
                break;
            case AdminRoute.Reveal:
                await RevealAsync(context, signature!, actor).ConfigureAwait(false);
                break;
            case AdminRoute.MethodNotAllowed:
                context.Response.Headers.Allow = allow;
                await ProblemAsync(context, 405, "Method not allowed", $"Use {allow}.").ConfigureAwait(false);
                break;
            default:
                await ProblemAsync(context, 404, "Not found", "No admin endpoint at this path.").ConfigureAwait(false);
                break;
        }
    }

    internal StatusDocument Status()
    {
        var snapshot = _agent.Snapshot();
        var health = TracehoundHealthCheck.Evaluate(_agent, _ledger);
        var q = snapshot.Quarantine;
        return new StatusDocument(
            AdminSchemas.Status,
            snapshot.Time,
            s_version,
            _lifetime.StartedAt,
            Math.Max(0, (snapshot.Time - _lifetime.StartedAt).TotalSeconds),
            TracehoundHealthCheck.HealthName(health.Status),
            TracehoundHealthCheck.LevelName(snapshot.FailSafeLevel),
            snapshot.InterceptsPerSecond,
            snapshot.Intercepts.Total,
            new QuarantineFillDocument(q.Count, q.Bytes, q.MaxItems, q.MaxBytes, q.FillRatio),
            LedgerSummary());
    }

    internal StatsDocument Stats()
    {
        var s = _agent.Snapshot();
        var c = s.Intercepts;
        var q = s.Quarantine;
        var http = _counters.Snapshot();
        return new StatsDocument(
            AdminSchemas.Stats,
            s.Time,
            new InterceptCountsDocument(c.Clean, c.RateLimited, c.PayloadTooLarge, c.Ignored, c.Quarantined, c.Error, c.Total),
            s.InterceptsPerSecond,
            new QuarantineStatsDocument(q.Count, q.Bytes, q.MaxItems, q.MaxBytes, q.FillRatio, [.. q.BySeverity.Select(b => new SeverityBucketDocument(TracehoundMetrics.SeverityName(b.Severity), b.Count, b.Bytes))]),
            new RateLimitDocument(s.RateLimit.Limited, s.RateLimit.TrackedSources, s.RateLimit.BlockedSources, s.RateLimit.Blocks, s.RateLimit.UntrackedRequests),
            TracehoundHealthCheck.LevelName(s.FailSafeLevel),
            s.ErrorsLastMinute,
            new EvictionsDocument(s.Evictions.ItemLimit, s.Evictions.ByteLimit, s.Evictions.Expired, s.Evictions.Total),
            new NotificationsDocument(s.Notifications.Published, s.Notifications.Dropped, s.Notifications.HandlerFaults, s.Notifications.AlertsRaised, s.Notifications.AlertsSuppressed),
            new CompressionDocument(s.Compression.Compressed, s.Compression.Skipped, s.Compression.BytesSaved, s.Compression.Backlog),
            [.. s.RecentErrors.Select(e => new RecentErrorDocument(e.Time, e.Code, e.Message))],
            new HttpCountersDocument(
                new SpoofedSignalsDocument(http.SpoofedUntrustedSource, http.SpoofedInvalidMac, http.SpoofAttempts),
                http.MalformedSignals,
                http.AcceptedSignals,
                http.DetectorSignals,
                http.DetectorTimeouts,
                http.DetectorFaults,
                http.LateFlags,
                http.LateFlagsAfterResponseStarted,
                http.FailOpen,
                http.AdminDenied,
                http.PayloadReveals),
            LedgerSummary(),
            _recent.ToList());
    }

    internal static EvidenceDocument Describe(Evidence evidence) => new(
        AdminSchemas.Evidence,
        evidence.Signature.ToString(),
        evidence.Category.Name,
        evidence.Hash.ToString(),
        TracehoundMetrics.SeverityName(evidence.Severity),
        evidence.Detector,
        evidence.RuleId,
        evidence.Source,
        evidence.Id,
        evidence.CapturedAt,
        evidence.Size,
        evidence.StoredSize,
        evidence.Codec.ToString().ToLowerInvariant(),
        evidence.State.ToString().ToLowerInvariant(),
        evidence.Sequence);

    private LedgerSummaryDocument LedgerSummary() => _ledger is { Configured: true } ledger ? ledger.Summary() : new LedgerSummaryDocument(false, null, null, null, true);

    private async Task EvidenceListAsync(HttpContext context, string actor)
    {
        var query = context.Request.Query;
        if (!TryInt(query["limit"], 100, 1, 1000, out var limit) || !TryInt(query["offset"], 0, 0, int.MaxValue, out var offset))
        {
            await ProblemAsync(context, 400, "Bad query", "limit must be 1-1000 and offset 0 or more.").ConfigureAwait(false);
            return;
        }

        Severity? severity = null;
        if (query["severity"] is { Count: > 0 } severityText)
        {
            if (!UpstreamSignalReader.TryParseSeverity(severityText.ToString(), out var parsed))
            {
                await ProblemAsync(context, 400, "Bad query", "severity must be low, medium, high or critical.").ConfigureAwait(false);
                return;
            }

            severity = parsed;
        }

        ThreatCategory? category = null;
        if (query["category"] is { Count: > 0 } categoryText)
        {
            if (!ThreatCategory.TryParse(categoryText.ToString(), out var parsed))
            {
                await ProblemAsync(context, 400, "Bad query", "category is not a valid threat category.").ConfigureAwait(false);
                return;
            }

            category = parsed;
        }

        var matching = _agent.Quarantine.List()
            .Where(e => (severity is null || e.Severity == severity) && (category is null || e.Category == category))
            .ToList();
        var page = matching.Skip(offset).Take(limit).Select(Describe).ToList();
        await _audit.RecordAsync(actor, "admin.evidence_list", "quarantine", Attributes(("returned", page.Count.ToString(CultureInfo.InvariantCulture))), context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, 200, new EvidenceListDocument(AdminSchemas.EvidenceList, _agent.TimeProvider.GetUtcNow(), matching.Count, offset, limit, page), AdminJsonContext.Default.EvidenceListDocument).ConfigureAwait(false);
    }

    private async Task EvidenceAsync(HttpContext context, string signature, string actor)
    {
        if (await FindAsync(context, signature).ConfigureAwait(false) is not { } evidence)
        {
            return;
        }

        await _audit.RecordAsync(actor, "admin.evidence_read", evidence.Signature.ToString(), Attributes(), context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, 200, Describe(evidence), AdminJsonContext.Default.EvidenceDocument).ConfigureAwait(false);
    }

    private async Task RevealAsync(HttpContext context, string signature, string actor)
    {
        if (await FindAsync(context, signature).ConfigureAwait(false) is not { } evidence)
        {
            return;
        }

        // Audit first: a reveal that cannot be recorded does not happen.
        var subject = evidence.Signature.ToString();
        if (!await _audit.RecordAsync(actor, "admin.payload_revealed", subject, Attributes(("size", evidence.Size.ToString(CultureInfo.InvariantCulture))), context.RequestAborted).ConfigureAwait(false))
        {
            await ProblemAsync(context, 503, "Audit unavailable", "The reveal could not be recorded, so the payload is not revealed.").ConfigureAwait(false);
            return;
        }

        if (!evidence.TryRevealPayload(out var payload))
        {
            await ProblemAsync(context, 410, "Payload gone", "The evidence's payload was cleared (it left the quarantine).").ConfigureAwait(false);
            return;
        }

        try
        {
            _counters.PayloadRevealed();
            Log.PayloadRevealed(_logger, subject, actor, ClientAddress.PeerOf(context)?.ToString() ?? "unknown");
            var document = new RevealDocument(AdminSchemas.Reveal, subject, payload.Length, Convert.ToBase64String(payload), _agent.TimeProvider.GetUtcNow(), actor);
            await WriteJsonAsync(context, 200, document, AdminJsonContext.Default.RevealDocument).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }

    private async Task CheckpointAsync(HttpContext context)
    {
        if (_ledger is not { Configured: true })
        {
            await ProblemAsync(context, 404, "No ledger configured", "Tracehound keeps everything in memory: set Tracehound:DataDirectory for a durable, signed ledger.").ConfigureAwait(false);
            return;
        }

        if (_ledger.LatestCheckpoint() is not { } checkpoint)
        {
            await ProblemAsync(context, 404, "No checkpoint yet", "The ledger has not signed a checkpoint yet.").ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 200, checkpoint, AdminJsonContext.Default.CheckpointDocument).ConfigureAwait(false);
    }

    private async Task<Evidence?> FindAsync(HttpContext context, string signature)
    {
        if (!ThreatSignature.TryParse(signature, out var parsed))
        {
            await ProblemAsync(context, 400, "Bad signature", "Expected category:sha256hex.").ConfigureAwait(false);
            return null;
        }

        if (_agent.Quarantine.Find(parsed) is not { } evidence)
        {
            await ProblemAsync(context, 404, "Evidence not found", "No evidence with this signature is held.").ConfigureAwait(false);
            return null;
        }

        return evidence;
    }

    private Access Authorize(HttpContext context, bool reveal, out string actor)
    {
        actor = "anonymous";
        var networks = _settings.AdminNetworks;
        var client = context.Connection.RemoteIpAddress;
        if (!networks.Contains(ClientAddress.PeerOf(context)) || !networks.Contains(client))
        {
            return Access.AddressNotAllowed;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return Access.MissingToken;
        }

        var presented = TracehoundSettings.HashToken(header[7..].Trim());
        // Both comparisons always run, in constant time, so timing says nothing about which token matched.
        var isAdmin = _settings.AdminTokenHash is { } adminHash && CryptographicOperations.FixedTimeEquals(presented, adminHash);
        var isRevealer = _settings.RevealTokenHash is { } revealHash && CryptographicOperations.FixedTimeEquals(presented, revealHash);
        if (!isAdmin && !isRevealer)
        {
            return Access.InvalidToken;
        }

        actor = (isRevealer ? "reveal-token:" : "admin-token:") + Convert.ToHexStringLower(presented.AsSpan(0, 6));
        return reveal && !isRevealer ? Access.InsufficientScope : Access.Granted;
    }

    private static Task DenyAsync(HttpContext context, Access access)
    {
        switch (access)
        {
            case Access.AddressNotAllowed:
                return ProblemAsync(context, 403, "Address not allowed", "Admin endpoints accept calls from the allowed networks only (loopback by default).");
            case Access.MissingToken:
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"tracehound\"";
                return ProblemAsync(context, 401, "Token required", "Send Authorization: Bearer <token>.");
            case Access.InvalidToken:
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"tracehound\", error=\"invalid_token\"";
                return ProblemAsync(context, 401, "Invalid token", "The bearer token is not valid.");
            default:
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"tracehound\", error=\"insufficient_scope\", scope=\"tracehound.reveal\"";
                return ProblemAsync(context, 403, "Reveal not permitted", "Revealing payloads needs the reveal token (Tracehound:Admin:RevealToken).");
        }
    }

    private static string Describe(Access access) => access switch
    {
        Access.AddressNotAllowed => "address not allowed",
        Access.MissingToken => "no bearer token",
        Access.InvalidToken => "invalid token",
        _ => "reveal needs the reveal token",
    };

    private static AdminRoute Route(string method, PathString remaining, out string? signature, out string allow)
    {
        signature = null;
        allow = "GET";
        var path = remaining.Value?.TrimEnd('/') ?? string.Empty;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var get = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var route = segments switch
        {
            ["status"] => AdminRoute.Status,
            ["stats"] => AdminRoute.Stats,
            ["evidence"] => AdminRoute.EvidenceList,
            ["evidence", _] => AdminRoute.Evidence,
            ["ledger", "checkpoint"] => AdminRoute.Checkpoint,
            ["evidence", _, "reveal"] => AdminRoute.Reveal,
            _ => AdminRoute.NotFound,
        };

        if (route is AdminRoute.Evidence or AdminRoute.Reveal)
        {
            signature = segments[1];
        }

        if (route == AdminRoute.Reveal)
        {
            allow = "POST";
            return HttpMethods.IsPost(method) ? route : AdminRoute.MethodNotAllowed;
        }

        return route == AdminRoute.NotFound || get ? route : AdminRoute.MethodNotAllowed;
    }

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues text, int fallback, int min, int max, out int value)
    {
        if (text.Count == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static Dictionary<string, string> Attributes(params (string Key, string Value)[] pairs)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            attributes[key] = value;
        }

        return attributes;
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T document, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, document, type, context.RequestAborted).ConfigureAwait(false);
    }

    internal static async Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "about:blank");
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteString("traceId", TraceIds.Of(context));
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    private enum Access
    {
        Granted,
        AddressNotAllowed,
        MissingToken,
        InvalidToken,
        InsufficientScope,
    }

    private enum AdminRoute
    {
        NotFound,
        MethodNotAllowed,
        Status,
        Stats,
        EvidenceList,
        Evidence,
        Checkpoint,
        Reveal,
    }
}
