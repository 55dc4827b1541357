namespace Tracehound.Tests.Interception;

public class InterceptFastPathTests
{
    [Fact]
    public async Task A_clean_request_is_counted_clean_and_holds_nothing()
    {
        await using var agent = new Agent(TestScents.Options());
        var result = agent.InterceptClean("10.0.0.1");
        Assert.Equal(InterceptStatus.Clean, result.Status);
        Assert.Equal(1, agent.Counts.Clean);
        Assert.Equal(0, agent.Quarantine.Count);
    }

    [Fact]
    public async Task The_clean_fast_path_applies_the_rate_limit_shared_with_full_intercepts()
    {
        var options = TestScents.Options();
        options.RateLimit.MaxRequests = 2;
        await using var agent = new Agent(options);
        Assert.Equal(InterceptStatus.Clean, agent.InterceptClean("10.0.0.7").Status);
        Assert.Equal(InterceptStatus.Clean, agent.Intercept(TestScents.Clean("10.0.0.7")).Status);
        var limited = agent.InterceptClean("10.0.0.7");
        Assert.Equal(InterceptStatus.RateLimited, limited.Status);
        Assert.True(limited.RetryAfter > TimeSpan.Zero);
        Assert.Equal(InterceptStatus.Clean, agent.InterceptClean("10.0.0.8").Status);
        Assert.Equal(1, agent.Counts.RateLimited);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_source_on_the_clean_fast_path_is_an_invalid_scent_error(string source)
    {
        await using var agent = new Agent(TestScents.Options());
        var result = agent.InterceptClean(source);
        Assert.Equal(InterceptStatus.Error, result.Status);
        Assert.Equal(InterceptErrorCodes.InvalidScent, result.Error!.Code);
    }

    [Fact]
    public async Task The_clean_fast_path_allocates_nothing()
    {
        await using var agent = new Agent(TestScents.Options());
        agent.InterceptClean("10.0.0.1");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            agent.InterceptClean("10.0.0.1");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task A_late_flag_is_quarantined_without_spending_the_rate_limit_again()
    {
        var options = TestScents.Options();
        options.RateLimit.MaxRequests = 1;
        await using var agent = new Agent(options);
        Assert.Equal(InterceptStatus.Clean, agent.InterceptClean("10.0.0.1").Status);

        var late = agent.InterceptAdmitted(TestScents.Threat("name=' OR 1=1 --", source: "10.0.0.1"));
        Assert.Equal(InterceptStatus.Quarantined, late.Status);
        var again = agent.InterceptAdmitted(TestScents.Threat("name=' OR 1=1 --", source: "10.0.0.1"));
        Assert.Equal(InterceptStatus.Ignored, again.Status);
        Assert.Equal(late.Handle, again.Handle);
        Assert.Equal(0, agent.Counts.RateLimited);
    }

    [Fact]
    public async Task A_late_scent_still_respects_the_payload_limit()
    {
        var options = TestScents.Options();
        options.Payload.MaxBytes = 8;
        await using var agent = new Agent(options);
        var result = agent.InterceptAdmitted(TestScents.Threat("0123456789"));
        Assert.Equal(InterceptStatus.PayloadTooLarge, result.Status);
        Assert.Equal(8, result.Limit);
    }

    [Fact]
    public async Task A_disposed_agent_answers_both_fast_paths_with_an_error()
    {
        var agent = new Agent(TestScents.Options());
        await agent.DisposeAsync();
        Assert.Equal(InterceptErrorCodes.AgentDisposed, agent.InterceptClean("10.0.0.1").Error!.Code);
        Assert.Equal(InterceptErrorCodes.AgentDisposed, agent.InterceptAdmitted(TestScents.Threat("x")).Error!.Code);
    }
}
