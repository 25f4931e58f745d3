using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Recommender.Contracts;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>The S3 emulator stopped for over a minute under a run, and started again: the run rides it out.</summary>
[Collection(ServerOutage.Name)]
public sealed class StorageOutageTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 9, 9);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_keeps_retrying_through_an_S3_outage_longer_than_a_minute_and_succeeds()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack, new Dictionary<string, string?>
        {
            ["Pipeline:TransientRetryWindow"] = "00:10:00",
            // One attempt: without the window the first failure during the outage would end the run.
            ["Pipeline:MaxAttempts"] = "1",
            ["Pipeline:RetryBaseDelay"] = "00:00:01",
            ["Pipeline:RetryMaxDelay"] = "00:00:05",
        });
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));
        var commands = Stack.App.Services.GetRequiredService<ResourceCommandService>();

        var stopped = await commands.ExecuteCommandAsync("s3", KnownResourceCommands.StopCommand, Cancel);
        Assert.True(stopped.Success, stopped.Message);
        var runId = await harness.EnqueueAsync(Day);
        Task drain;
        try
        {
            drain = harness.DrainAsync();
            await Task.Delay(TimeSpan.FromSeconds(70), Cancel);
            var during = await harness.RunAsync(runId);
            Assert.False(drain.IsCompleted, $"the run ended during the outage: {during.Status} {during.Error}");
            Assert.Contains(during.Status, new[] { RunStatuses.Queued, RunStatuses.Running });
        }
        finally
        {
            var started = await commands.ExecuteCommandAsync("s3", KnownResourceCommands.StartCommand, CancellationToken.None);
            Assert.True(started.Success, started.Message);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await Stack.App.ResourceNotifications.WaitForResourceHealthyAsync("s3", timeout.Token);
        await drain.WaitAsync(timeout.Token);

        var run = await harness.RunAsync(runId);
        Assert.Equal(RunStatuses.Succeeded, run.Status);
        Assert.NotEmpty(await harness.PublishedAsync("top_ctr", Day));
    }
}
