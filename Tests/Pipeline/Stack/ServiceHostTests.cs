using Microsoft.Extensions.DependencyInjection;
using Recommender.Scheduler.Extensions;
using Recommender.Scheduler.Startup;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>The Scheduler's background parts — Coravel schedule, catch-up and queue workers — running in this process.</summary>
public sealed class ServiceHostTests(StackFixture stack) : StackTest(stack)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateOnly Yesterday => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    private async Task<PipelineHarness> StartServiceAsync(Dictionary<string, string?> settings)
    {
        var harness = await PipelineHarness.CreateAsync(Stack, settings, builder =>
        {
            var startup = new StartupState();
            startup.MarkMigrated();
            startup.MarkSeeded();
            builder.Services.AddSingleton(startup);
            builder.AddPipelineBackgroundServices();
        });
        await harness.GenerateAsync(PipelineHarness.Tiny(Yesterday, days: 2, rowsPerDay: 500));
        harness.Host.UsePipelineSchedule();
        await harness.Host.StartAsync(Cancel);
        return harness;
    }

    private static async Task<string> WaitForRunAsync(PipelineHarness harness, string trigger)
    {
        while (true)
        {
            var status = (await harness.RowsAsync("SELECT status FROM pipeline_runs WHERE trigger = $1 AND logical_date = $2", trigger, Yesterday)).SingleOrDefault();
            if (status is "succeeded" or "failed")
            {
                return status;
            }

            await Task.Delay(250, Cancel);
        }
    }

    [Fact]
    public async Task The_cron_schedule_queues_yesterday_and_the_service_publishes_it()
    {
        // Every minute, so the test sees the schedule fire; catch-up off, so only the schedule queues.
        await using var harness = await StartServiceAsync(new()
        {
            ["Schedule:Enabled"] = "true",
            ["Schedule:Cron"] = "* * * * *",
            ["Schedule:CatchUp"] = "none",
        });

        Assert.Equal("succeeded", await WaitForRunAsync(harness, "schedule"));
        Assert.Equal([$"{Yesterday:yyyy-MM-dd}"], await harness.RowsAsync("SELECT date FROM published_dates"));
        await harness.Host.StopAsync(Cancel);
    }

    [Fact]
    public async Task Catch_up_latest_queues_yesterday_at_start()
    {
        await using var harness = await StartServiceAsync(new() { ["Schedule:CatchUp"] = "latest" });

        Assert.Equal("succeeded", await WaitForRunAsync(harness, "catch-up"));
        Assert.Equal(1L, await harness.ScalarAsync<long>("SELECT count(*) FROM pipeline_runs"));
        await harness.Host.StopAsync(Cancel);
    }
}
