using Microsoft.Extensions.DependencyInjection;
using Recommender.Scheduler.Pipeline.Operations;
using Recommender.Tests.Infrastructure;
using Recommender.Tests.Pipeline.Stack;

namespace Recommender.Tests.Operations;

public sealed class PipelineSettingsTests(StackFixture stack) : StackTest(stack)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_scheduler_records_its_effective_settings_and_a_later_start_replaces_them()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack, new Dictionary<string, string?>
        {
            ["Pipeline:RetentionDays"] = "5",
            ["Pipeline:MaxAttempts"] = "4",
            ["Pipeline:MaxBadRowShare"] = "0.02",
            ["Pipeline:MinRowShare"] = "0.3",
            ["Schedule:Enabled"] = "true",
            ["Schedule:Cron"] = "30 3 * * *",
            ["Schedule:TimeZone"] = "Europe/Paris",
            ["Schedule:CatchUp"] = "All",
        });
        var recorder = harness.Services.GetRequiredService<PipelineSettingsRecorder>();

        await recorder.RecordAsync(Cancel);
        await recorder.RecordAsync(Cancel);

        Assert.Equal(
            [$"5|4|0.02|0.3|30 3 * * *|Europe/Paris|all|{Environment.MachineName}/{Environment.ProcessId}"],
            await harness.RowsAsync("SELECT retention_days, max_attempts, max_bad_row_share, min_row_share, schedule, time_zone, catch_up, recorded_by FROM pipeline_settings"));
    }
}
