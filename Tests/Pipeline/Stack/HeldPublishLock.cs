using Npgsql;
using Recommender.Scheduler.Pipeline.Steps;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>
/// The publish lock held as another publish would hold it: a run reaching Publish waits inside its
/// transaction until <see cref="ReleaseAsync"/>, which lets a test act while a run is mid-publish.
/// </summary>
public sealed class HeldPublishLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private bool _released;

    private HeldPublishLock(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<HeldPublishLock> AcquireAsync(NpgsqlDataSource dataSource)
    {
        var connection = await dataSource.OpenConnectionAsync(Cancel);
        var transaction = await connection.BeginTransactionAsync(Cancel);
        await using var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction);
        take.Parameters.Add(new NpgsqlParameter { Value = PublishStep.PublishLock });
        await take.ExecuteNonQueryAsync(Cancel);
        return new HeldPublishLock(connection, transaction);
    }

    /// <summary>Waits until the run's Publish step is running (and so waiting for this lock).</summary>
    public static async Task WaitForPublishAsync(PipelineHarness harness, long runId, Task worker)
    {
        while (await harness.ScalarAsync<string>("SELECT status FROM pipeline_run_steps WHERE run_id = $1 AND step = 'publish'", runId) != "running")
        {
            Assert.False(worker.IsCompleted, "the run ended before Publish started");
            await Task.Delay(50, Cancel);
        }
    }

    public async Task ReleaseAsync()
    {
        if (!_released)
        {
            _released = true;
            await _transaction.RollbackAsync(Cancel);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
