using Npgsql;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Foundation;

public sealed class RunQueueFunctionTests(StackFixture stack) : StackTest(stack)
{
    [Fact]
    public async Task Enqueue_run_creates_one_active_run_per_date_with_pending_steps()
    {
        await using var database = await IsolatedDatabase.CreateAsync(Stack);
        var date = new DateOnly(2001, 2, 3);

        var (first, created) = await EnqueueAsync(database.DataSource, date, "manual");
        var (second, createdAgain) = await EnqueueAsync(database.DataSource, date, "backfill");

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, second);
        await using var steps = database.DataSource.CreateCommand(
            "SELECT string_agg(step || ':' || status, ',' ORDER BY step) FROM pipeline_run_steps WHERE run_id = $1");
        steps.Parameters.Add(new NpgsqlParameter { Value = first });
        Assert.Equal(
            "filter:pending,publish:pending,top_ctr:pending,top_product:pending",
            await steps.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Enqueue_run_queues_again_once_the_previous_run_has_ended()
    {
        await using var database = await IsolatedDatabase.CreateAsync(Stack);
        var date = new DateOnly(2001, 2, 4);
        var (first, _) = await EnqueueAsync(database.DataSource, date, "manual");
        await using (var finish = database.DataSource.CreateCommand("UPDATE pipeline_runs SET status = 'failed' WHERE id = $1"))
        {
            finish.Parameters.Add(new NpgsqlParameter { Value = first });
            await finish.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var (second, created) = await EnqueueAsync(database.DataSource, date, "manual");

        Assert.True(created);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Enqueue_run_rejects_an_unknown_trigger()
    {
        await using var database = await IsolatedDatabase.CreateAsync(Stack);

        var error = await Assert.ThrowsAsync<PostgresException>(() => EnqueueAsync(database.DataSource, new DateOnly(2001, 2, 5), "whim"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    private static async Task<(long Id, bool Created)> EnqueueAsync(NpgsqlDataSource dataSource, DateOnly date, string trigger)
    {
        await using var command = dataSource.CreateCommand("SELECT run_id, created FROM enqueue_run($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = date });
        command.Parameters.Add(new NpgsqlParameter { Value = trigger });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        return (reader.GetInt64(0), reader.GetBoolean(1));
    }
}
