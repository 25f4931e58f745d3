using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Recommender.Contracts;
using Recommender.Tests.Api;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Operations;

/// <summary>
/// The Scheduler resource's commands in the Aspire dashboard, executed on the stack as the dashboard
/// does (through <see cref="ResourceCommandService"/>): they call RecsApi's admin endpoints.
/// </summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class OperatorCommandTests(StackFixture stack) : StackTest(stack)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateOnly Yesterday => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Stack.WaitForSampleDaysPublishedAsync();
    }

    [Fact]
    public async Task Run_yesterday_now_queues_yesterday_and_backfill_missing_days_plans_the_recorded_retention_window()
    {
        await using var recs = await Stack.CreateDataSourceAsync();
        var retentionDays = int.Parse((await recs.RowsAsync("SELECT retention_days FROM pipeline_settings"))[0], System.Globalization.CultureInfo.InvariantCulture);
        QueuedRun queued;
        BackfillResponse backfill;

        // Holding yesterday's date lock keeps the run queued while the backfill looks at the window.
        await using (await PipelineDateLocks.AcquireAsync(recs, Yesterday, Yesterday))
        {
            queued = await ExecuteAsync("run-yesterday", RecsJsonContext.Default.QueuedRun);
            backfill = await ExecuteAsync("backfill-missing", RecsJsonContext.Default.BackfillResponse);
        }

        Assert.Equal((Yesterday, true), (queued.Date, queued.Created));
        Assert.Equal(
            [$"{Yesterday:yyyy-MM-dd}|{RunTriggers.Manual}|api:{OperatorActionsApiTests.KeyId}/aspire-dashboard"],
            await recs.RowsAsync("SELECT logical_date, trigger, source FROM pipeline_runs WHERE id = $1", queued.RunId));

        Assert.Equal((Yesterday.AddDays(1 - retentionDays), Yesterday, ReprocessModes.Missing, 0), (backfill.From, backfill.To, backfill.Reprocess, backfill.CreatedRuns));
        Assert.Equal(Enumerable.Range(0, retentionDays).Select(backfill.From.AddDays), backfill.Dates!.Select(d => d.Date));
        Assert.All(backfill.Dates!.SkipLast(1), d => Assert.Equal(BackfillDecisions.SkipPublished, d.Decision));
        Assert.Equal((BackfillDecisions.SkipActive, queued.RunId), (backfill.Dates![^1].Decision, backfill.Dates[^1].RunId));
        Assert.Equal(["0"], await recs.RowsAsync("SELECT count(*) FROM pipeline_runs WHERE trigger = $1 AND source LIKE '%/aspire-dashboard'", RunTriggers.Backfill));

        await LedgerPolling.UntilAsync(
            async () => (await recs.RowsAsync("SELECT status FROM pipeline_runs WHERE id = $1", queued.RunId))[0] is not (RunStatuses.Queued or RunStatuses.Running),
            "the run of yesterday to end");
        Assert.Equal([RunStatuses.Succeeded], await recs.RowsAsync("SELECT status FROM pipeline_runs WHERE id = $1", queued.RunId));
    }

    /// <summary>Executes a command of the scheduler resource and reads RecsApi's answer it returns.</summary>
    private async Task<T> ExecuteAsync<T>(string command, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var scheduler = Stack.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "scheduler");
        var commands = Stack.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(scheduler, command, Cancel);
        // The admin endpoints are rate-limited per client address, and the other admin tests share 127.0.0.1.
        for (var attempt = 1; !result.Success && result.Message?.Contains("TooManyRequests", StringComparison.Ordinal) == true && attempt < 30; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
            result = await commands.ExecuteCommandAsync(scheduler, command, Cancel);
        }

        Assert.True(result.Success, $"{command}: {result.Message}");
        return JsonSerializer.Deserialize(result.Data!.Value, type)!;
    }
}
