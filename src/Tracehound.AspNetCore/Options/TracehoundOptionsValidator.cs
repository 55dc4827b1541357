using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Tracehound.AspNetCore;

/// <summary>
/// Validates <see cref="TracehoundOptions"/> at start (<c>ValidateOnStart</c>): every problem is reported,
/// each naming its configuration key, e.g. <c>Tracehound:Quarantine:MaxItems must be at least 1 (was 0).</c>
/// </summary>
internal sealed partial class TracehoundOptionsValidator : IValidateOptions<TracehoundOptions>
{
    /// <summary>Keys the scent of one request can have besides its headers: method, path, query, body and body_capture.</summary>
    internal const int FixedScentKeys = 5;

    public ValidateOptionsResult Validate(string? name, TracehoundOptions options)
    {
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Collect(TracehoundOptions options)
    {
        var errors = new List<string>();
        foreach (var error in options.Agent.Validate())
        {
            errors.Add(ToConfigurationKeys(error));
        }

        var capture = options.Capture ?? new CaptureOptions();
        var headers = capture.EffectiveHeaders;
        if (headers.Count > CaptureOptions.MaxHeaders)
        {
            errors.Add($"Tracehound:Capture:Headers lists {headers.Count} headers; at most {CaptureOptions.MaxHeaders} can be captured.");
        }

        foreach (var header in headers.Concat(capture.SecretHeaders ?? []))
        {
            if (!IsHeaderName(header))
            {
                errors.Add($"Tracehound:Capture:Headers and SecretHeaders must hold header names (was '{header}').");
            }
        }

        CheckKey(errors, "Tracehound:Capture:HashKey", capture.HashKey, CaptureOptions.MinHashKeyBytes);
        if (options.Payload.MaxKeys < FixedScentKeys + headers.Count)
        {
            errors.Add($"Tracehound:Payload:MaxKeys ({options.Payload.MaxKeys}) must be at least {FixedScentKeys + headers.Count}: the scent of a request has {FixedScentKeys} fixed keys and one per captured header.");
        }

        var upstream = options.UpstreamSignal ?? new UpstreamSignalOptions();
        if (!NetworkList.TryParse(upstream.TrustedProxies ?? [], out _, out var badProxy))
        {
            errors.Add($"Tracehound:UpstreamSignal:TrustedProxies holds '{badProxy}', which is neither an address nor a network (10.0.0.5, 10.0.0.0/8, fd00::/8).");
        }

        foreach (var (key, header) in new[]
        {
            ("CategoryHeader", upstream.CategoryHeader), ("SeverityHeader", upstream.SeverityHeader), ("RuleIdHeader", upstream.RuleIdHeader),
            ("ConfidenceHeader", upstream.ConfidenceHeader), ("MacHeader", upstream.MacHeader),
        })
        {
            if (!IsHeaderName(header))
            {
                errors.Add($"Tracehound:UpstreamSignal:{key} must be a header name (was '{header}').");
            }
        }

        if (string.IsNullOrWhiteSpace(upstream.Detector))
        {
            errors.Add("Tracehound:UpstreamSignal:Detector must not be empty.");
        }

        CheckKey(errors, "Tracehound:UpstreamSignal:HmacKey", upstream.HmacKey, UpstreamSignalOptions.MinHmacKeyBytes);

        var detectors = options.Detectors ?? new DetectorOptions();
        if (detectors.AsyncBudget <= TimeSpan.Zero || detectors.AsyncBudget > TimeSpan.FromSeconds(30))
        {
            errors.Add($"Tracehound:Detectors:AsyncBudget must be positive and at most 30 seconds (was {detectors.AsyncBudget}).");
        }

        var responses = options.Responses ?? new ResponseOptions();
        foreach (var (key, code) in new[]
        {
            ("QuarantinedStatusCode", responses.QuarantinedStatusCode), ("IgnoredStatusCode", responses.IgnoredStatusCode),
            ("RateLimitedStatusCode", responses.RateLimitedStatusCode), ("PayloadTooLargeStatusCode", responses.PayloadTooLargeStatusCode),
        })
        {
            if (code is < 400 or > 599)
            {
                errors.Add($"Tracehound:Responses:{key} must be a 4xx or 5xx status code (was {code}).");
            }
        }

        if (!Enum.IsDefined(responses.LateFlagAfterResponseStarted))
        {
            errors.Add($"Tracehound:Responses:LateFlagAfterResponseStarted must be Complete or Abort (was {responses.LateFlagAfterResponseStarted}).");
        }

        var admin = options.Admin ?? new AdminOptions();
        if (admin.Enabled)
        {
            if (string.IsNullOrWhiteSpace(admin.PathPrefix) || !admin.PathPrefix.StartsWith('/') || admin.PathPrefix.Length < 2 || admin.PathPrefix.EndsWith('/'))
            {
                errors.Add($"Tracehound:Admin:PathPrefix must start with '/', not end with '/' and not be the root (was '{admin.PathPrefix}').");
            }

            if (string.IsNullOrEmpty(admin.Token))
            {
                errors.Add("Tracehound:Admin:Token is required when Tracehound:Admin:Enabled is true.");
            }
            else if (admin.Token.Length < AdminOptions.MinTokenLength)
            {
                errors.Add($"Tracehound:Admin:Token must have at least {AdminOptions.MinTokenLength} characters (had {admin.Token.Length}).");
            }

            if (admin.RevealToken is { } reveal)
            {
                if (reveal.Length < AdminOptions.MinTokenLength)
                {
                    errors.Add($"Tracehound:Admin:RevealToken must have at least {AdminOptions.MinTokenLength} characters (had {reveal.Length}).");
                }
                else if (string.Equals(reveal, admin.Token, StringComparison.Ordinal))
                {
                    errors.Add("Tracehound:Admin:RevealToken must differ from Tracehound:Admin:Token: revealing payloads is a separate permission.");
                }
            }

            if (!NetworkList.TryParse(admin.EffectiveNetworks, out _, out var badNetwork))
            {
                errors.Add($"Tracehound:Admin:AllowedNetworks holds '{badNetwork}', which is neither an address nor a network.");
            }
        }

        if (options.DataDirectory is { } directory)
        {
            if (string.IsNullOrWhiteSpace(directory))
            {
                errors.Add("Tracehound:DataDirectory must be a path or absent (absent keeps everything in memory).");
            }
            else
            {
                foreach (var error in TracehoundStorageHost.StorageOptionsFor(options).Validate())
                {
                    errors.Add("Tracehound:" + error.Replace("Storage.", "Storage:", StringComparison.Ordinal));
                }
            }
        }

        return errors;
    }

    /// <summary>Turns the core's <c>Quarantine.MaxItems</c> into <c>Tracehound:Quarantine:MaxItems</c>.</summary>
    internal static string ToConfigurationKeys(string coreMessage)
    {
        var rewritten = CoreKey().Replace(coreMessage, m => $"Tracehound:{m.Groups[1].Value}:{m.Groups[2].Value}");
        if (rewritten.StartsWith("FailSafe ratios", StringComparison.Ordinal))
        {
            return "Tracehound:FailSafe:WarningRatio, CriticalRatio and EmergencyRatio" + rewritten["FailSafe ratios".Length..];
        }

        if (rewritten.StartsWith("FailSafe error rates", StringComparison.Ordinal))
        {
            return "Tracehound:FailSafe:WarningErrorsPerMinute, CriticalErrorsPerMinute and EmergencyErrorsPerMinute" + rewritten["FailSafe error rates".Length..];
        }

        if (rewritten.StartsWith("MaintenanceInterval", StringComparison.Ordinal))
        {
            return "Tracehound:" + rewritten;
        }

        return rewritten.StartsWith("Tracehound:", StringComparison.Ordinal) ? rewritten : "Tracehound: " + rewritten;
    }

    private static void CheckKey(List<string> errors, string key, string? base64, int minBytes)
    {
        if (base64 is null)
        {
            return;
        }

        var buffer = new byte[(base64.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var length))
        {
            errors.Add($"{key} must be base64.");
        }
        else if (length < minBytes)
        {
            errors.Add($"{key} must decode to at least {minBytes} bytes (was {length}).");
        }
    }

    private static bool IsHeaderName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            // RFC 9110 token characters.
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"\b(Quarantine|Payload|RateLimit|FailSafe|Notifications)\.(\w+)")]
    private static partial Regex CoreKey();
}
