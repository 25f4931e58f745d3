using System.Text;
using System.Text.Json.Nodes;
using Recommender.Contracts;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>A day far smaller than the recent ones is held, not published, until an operator accepts it.</summary>
public sealed class VolumeGuardTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Last = new(2025, 9, 5);

    private static string Key(string dataset, DateOnly day) => $"{dataset}/date={day:yyyy-MM-dd}/part-00000.csv";

    /// <summary>Generates five days and publishes the first four: three skipped verdicts, then one passed.</summary>
    private static async Task<PipelineHarness> FourPublishedDaysAsync(StackFixture stack)
    {
        var harness = await PipelineHarness.CreateAsync(stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Last, days: 5, rowsPerDay: 2_000));
        var verdicts = new List<string>();
        for (var day = Last.AddDays(-4); day < Last; day = day.AddDays(1))
        {
            var runId = await harness.EnqueueAsync(day);
            await harness.DrainAsync();
            Assert.Equal(RunStatuses.Succeeded, (await harness.RunAsync(runId)).Status);
            verdicts.Add((string)(await VolumeAsync(harness, runId))["verdict"]!);
        }

        Assert.Equal([VolumeVerdicts.Skipped, VolumeVerdicts.Skipped, VolumeVerdicts.Skipped, VolumeVerdicts.Passed], verdicts);
        return harness;
    }

    private static async Task<JsonNode> VolumeAsync(PipelineHarness harness, long runId) =>
        JsonNode.Parse(await harness.ScalarAsync<string>("SELECT data_quality::text FROM pipeline_runs WHERE id = $1", runId))!["volume"]!;

    /// <summary>Keeps the header and the lines <paramref name="keep"/> accepts of a generated raw object.</summary>
    private static async Task ShrinkAsync(PipelineHarness harness, string relativeKey, Func<string, int, bool> keep)
    {
        var lines = Encoding.UTF8.GetString(await harness.DownloadAsync(harness.RawPrefix + relativeKey)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await harness.PutRawAsync(relativeKey, string.Join('\n', lines.Take(1).Concat(lines.Skip(1).Where(keep))) + "\n");
    }

    [Fact]
    public async Task A_day_with_a_tenth_of_the_rows_is_held_and_publishes_once_accepted()
    {
        await using var harness = await FourPublishedDaysAsync(Stack);
        await ShrinkAsync(harness, Key("ads_views", Last), (_, i) => i < 200);

        var held = await harness.EnqueueAsync(Last);
        await harness.DrainAsync();

        var run = await harness.RunAsync(held);
        Assert.Equal(RunStatuses.Held, run.Status);
        Assert.StartsWith("publish: held by the volume guard: ads_views has 200 rows, below 20 % of the median 2,000.0", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("run --date 2025-09-05 --accept-volume", run.Error, StringComparison.Ordinal);
        var volume = await VolumeAsync(harness, held);
        Assert.Equal(VolumeVerdicts.Held, (string)volume["verdict"]!);
        Assert.Equal(200L, (long)volume["ads_views_rows"]!);
        Assert.Equal(2_000.0, (double)volume["ads_views_median"]!);
        Assert.Equal(4, (int)volume["published_days_compared"]!);
        Assert.Empty(await harness.PublishedAsync("top_ctr", Last));
        Assert.Equal(0L, await harness.ScalarAsync<long>("SELECT count(*) FROM published_dates WHERE date = $1", Last));

        var (exitCode, _, errors) = await SchedulerProcess.RunAsync(Stack, harness, null, "run", "--date", "2025-09-05", "--accept-volume");

        Assert.Equal(0, exitCode);
        Assert.Contains("2025-09-05 run ", errors, StringComparison.Ordinal);
        var accepted = await harness.ScalarAsync<long>("SELECT max(id) FROM pipeline_runs WHERE logical_date = $1", Last);
        Assert.Equal(RunStatuses.Succeeded, (await harness.RunAsync(accepted)).Status);
        Assert.Equal(VolumeVerdicts.Accepted, (string)(await VolumeAsync(harness, accepted))["verdict"]!);
        Assert.NotEmpty(await harness.PublishedAsync("top_ctr", Last));
    }

    [Fact]
    public async Task A_day_whose_advertisers_with_recommendations_halve_is_held_and_the_published_day_stays()
    {
        await using var harness = await FourPublishedDaysAsync(Stack);
        var advertisers = (await harness.RowsAsync("SELECT DISTINCT advertiser_id FROM top_product WHERE date = $1 ORDER BY 1", Last.AddDays(-1))).Take(2).ToHashSet();
        foreach (var dataset in new[] { "ads_views", "product_views" })
        {
            await ShrinkAsync(harness, Key(dataset, Last), (line, _) => advertisers.Contains(line.Split(',')[0]));
        }

        var first = await harness.EnqueueAsync(Last);
        await harness.DrainAsync();

        var run = await harness.RunAsync(first);
        Assert.Equal(RunStatuses.Held, run.Status);
        Assert.Contains("2 advertisers with recommendations, down more than 20 % from the median 4.0", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, (int)(await VolumeAsync(harness, first))["advertisers"]!);
        Assert.Empty(await harness.PublishedAsync("top_ctr", Last));
    }
}
