using Microsoft.Extensions.Options;
using Tracehound.AspNetCore;

namespace Tracehound.AspNetCore.Tests.Options;

public class OptionsValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Tracehound:Quarantine:MaxItems", "0", "Tracehound:Quarantine:MaxItems must be at least 1" },
        { "Tracehound:RateLimit:MaxRequests", "-5", "Tracehound:RateLimit:MaxRequests" },
        { "Tracehound:FailSafe:WarningRatio", "0.99", "Tracehound:FailSafe:WarningRatio" },
        { "Tracehound:MaintenanceInterval", "00:00:00", "Tracehound:MaintenanceInterval" },
        { "Tracehound:UpstreamSignal:TrustedProxies:0", "not-an-address", "Tracehound:UpstreamSignal:TrustedProxies holds 'not-an-address'" },
        { "Tracehound:UpstreamSignal:HmacKey", "c2hvcnQ=", "Tracehound:UpstreamSignal:HmacKey must decode to at least 32 bytes" },
        { "Tracehound:Capture:HashKey", "***", "Tracehound:Capture:HashKey must be base64" },
        { "Tracehound:Capture:Headers:0", "Bad Header", "Tracehound:Capture:Headers" },
        { "Tracehound:Detectors:AsyncBudget", "00:00:00", "Tracehound:Detectors:AsyncBudget" },
        { "Tracehound:Responses:RateLimitedStatusCode", "200", "Tracehound:Responses:RateLimitedStatusCode must be a 4xx or 5xx" },
        { "Tracehound:Payload:MaxKeys", "3", "Tracehound:Payload:MaxKeys (3) must be at least" },
        { "Tracehound:Admin:Enabled", "true", "Tracehound:Admin:Token is required" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Bad_options_stop_start_up_with_a_message_naming_the_key(string key, string value, string expected)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new() { [key] = value }));
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new()
        {
            ["Tracehound:Quarantine:MaxItems"] = "0",
            ["Tracehound:Admin:Enabled"] = "true",
            ["Tracehound:Admin:Token"] = "short",
        }));
        Assert.Contains("Tracehound:Quarantine:MaxItems", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Tracehound:Admin:Token must have at least 16 characters", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reveal_token_must_differ_from_the_admin_token()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new()
        {
            ["Tracehound:Admin:Enabled"] = "true",
            ["Tracehound:Admin:Token"] = "same-token-0123456789",
            ["Tracehound:Admin:RevealToken"] = "same-token-0123456789",
        }));
        Assert.Contains("Tracehound:Admin:RevealToken must differ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_set_in_code_are_validated_too()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(configure: o => o.Payload.MaxBytes = -1));
        Assert.Contains("Tracehound:Payload:MaxBytes must not be negative", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Core_options_bind_from_the_root_of_the_section()
    {
        await using var host = await TestHost.StartAsync(new()
        {
            ["Tracehound:Quarantine:MaxItems"] = "123",
            ["Tracehound:Payload:MaxBytes"] = "5000",
            ["Tracehound:RateLimit:Window"] = "00:00:10",
            ["Tracehound:Capture:Headers:0"] = "X-Only",
        });
        Assert.Equal(123, host.Agent.Options.Quarantine.MaxItems);
        Assert.Equal(5000, host.Agent.Options.Payload.MaxBytes);
        Assert.Equal(TimeSpan.FromSeconds(10), host.Agent.Options.RateLimit.Window);
        var options = host.App.Services.GetRequiredService<IOptions<TracehoundOptions>>().Value;
        Assert.Equal(["X-Only"], options.Capture.Headers);
    }

    [Fact]
    public void UseTracehound_without_AddTracehound_says_what_is_missing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();
        var failure = Assert.Throws<InvalidOperationException>(() => app.UseTracehound());
        Assert.Contains("AddTracehound", failure.Message, StringComparison.Ordinal);
    }
}
