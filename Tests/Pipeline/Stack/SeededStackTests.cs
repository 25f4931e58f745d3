using Npgsql;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>The stack's own Scheduler and <c>recs</c> database: what a developer sees after <c>dotnet run --project AppHost</c>.</summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class SeededStackTests(StackFixture stack) : StackTest(stack)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Stack.WaitForSampleDaysPublishedAsync();
    }

    [Fact]
    public async Task The_stack_publishes_the_seeded_days_within_retention_on_first_start()
    {
        await using var recs = await Stack.CreateDataSourceAsync();
        var yesterday = Stack.StartedOn.AddDays(-1);

        var published = await ListAsync<DateOnly>(recs, "SELECT date FROM published_dates ORDER BY date");
        var advertisers = await ListAsync<int>(recs, "SELECT DISTINCT active_advertisers FROM published_dates");
        var firstRuns = await ListAsync<string>(
            recs,
            // The seeded dates only: other tests on this stack queue runs of other dates.
            "SELECT DISTINCT trigger || ':' || status FROM pipeline_runs AS r WHERE id = (SELECT min(id) FROM pipeline_runs WHERE logical_date = r.logical_date) " +
            "AND logical_date IN (SELECT date FROM published_dates)");

        Assert.Equal(Enumerable.Range(0, 7).Select(i => yesterday.AddDays(i - 6)), published);
        Assert.Equal([20], advertisers);
        Assert.Equal(["catch-up:succeeded"], firstRuns);
        Assert.NotEmpty(await ListAsync<string>(recs, "SELECT product_id FROM top_ctr WHERE date = $1", yesterday));
        Assert.NotEmpty(await ListAsync<string>(recs, "SELECT product_id FROM top_product WHERE date = $1", yesterday));
    }

    [Fact]
    public async Task A_run_queued_by_another_producer_is_taken_by_the_stacks_scheduler()
    {
        await using var recs = await Stack.CreateDataSourceAsync();
        var day = Stack.StartedOn.AddDays(-3);

        // As the RecsApi's POST /runs does: through enqueue_run, which notifies the workers.
        await using var enqueue = recs.CreateCommand("SELECT run_id FROM enqueue_run($1, 'manual')");
        enqueue.Parameters.Add(new NpgsqlParameter { Value = day });
        var runId = (long)(await enqueue.ExecuteScalarAsync(Cancel))!;

        string status;
        while ((status = (await ListAsync<string>(recs, "SELECT status FROM pipeline_runs WHERE id = $1", runId))[0]) is "queued" or "running")
        {
            await Task.Delay(200, Cancel);
        }

        Assert.Equal("succeeded", status);
        Assert.Equal([runId], await ListAsync<long>(recs, "SELECT run_id FROM published_dates WHERE date = $1", day));
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var values = new List<T>();
        while (await reader.ReadAsync(Cancel))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
