using System.Net.Sockets;
using Recommender.Scheduler.Pipeline;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Tests.Pipeline.Unit;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Network_and_timeout_errors_are_transient_even_when_wrapped()
    {
        Assert.True(RetryPolicy.IsTransient(new StepException("filter", new HttpRequestException("reset", new SocketException()))));
        Assert.True(RetryPolicy.IsTransient(new StepException("publish", new TimeoutException())));
    }

    [Fact]
    public void Bad_input_is_not_transient()
    {
        Assert.False(RetryPolicy.IsTransient(new StepException("filter", new PipelineFailure("no raw data for 2026-01-01"))));
        Assert.False(RetryPolicy.IsTransient(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void Delays_grow_exponentially_with_jitter_and_stop_at_the_cap()
    {
        var baseDelay = TimeSpan.FromSeconds(2);
        var cap = TimeSpan.FromSeconds(30);

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var full = Math.Min(2.0 * Math.Pow(2, attempt - 1), 30.0);
            var delays = Enumerable.Range(0, 50).Select(_ => RetryPolicy.Delay(attempt, baseDelay, cap).TotalSeconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, full * 0.5, full));
            Assert.True(delays.Distinct().Count() > 1, "jitter spreads the retries of many runs");
        }
    }
}
