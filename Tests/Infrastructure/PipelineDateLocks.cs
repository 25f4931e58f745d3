using Npgsql;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Tests.Infrastructure;

/// <summary>
/// Holds the pipeline's per-date advisory locks for a range of dates, as a worker on another
/// replica would: the stack's Scheduler then hands runs for those dates back to the queue instead
/// of processing them, so a test sees its queued runs stay queued. Released on dispose.
/// </summary>
public sealed class PipelineDateLocks : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private PipelineDateLocks(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PipelineDateLocks> AcquireAsync(NpgsqlDataSource dataSource, DateOnly from, DateOnly to)
    {
        var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_advisory_lock($1, d) FROM generate_series($2::int, $3::int) AS d", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = RunLedger.DateLockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = RunLedger.DateLockKey(from) });
        command.Parameters.Add(new NpgsqlParameter { Value = RunLedger.DateLockKey(to) });
        await command.ExecuteNonQueryAsync();
        return new PipelineDateLocks(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _connection))
        {
            await release.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }
}
