using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// Bounds how many RecsApi replicas read a whole snapshot from PostgreSQL at once: a load holds
/// one of <c>Snapshot:ConcurrentLoads</c> session advisory locks on its own connection and waits,
/// with jitter, while all are taken. The lock goes with the connection, so a crashed replica frees its slot.
/// </summary>
public sealed class SnapshotLoadSlots(IOptions<SnapshotOptions> options)
{
    /// <summary>First key of the slot locks ("Snap"); the second is the slot number.</summary>
    public const int LockClass = 0x536E_6170;

    /// <summary>Waits for a free slot and returns its number; release it with <see cref="ReleaseAsync"/> on the same connection.</summary>
    public async Task<int> AcquireAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        while (true)
        {
            for (var slot = 0; slot < settings.ConcurrentLoads; slot++)
            {
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
                command.Parameters.Add(new NpgsqlParameter { Value = slot });
                if (await command.ExecuteScalarAsync(cancellationToken) is true)
                {
                    return slot;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 + Random.Shared.Next(400)), cancellationToken);
        }
    }

    public static async Task ReleaseAsync(NpgsqlConnection connection, int slot)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = slot });
        await command.ExecuteScalarAsync(CancellationToken.None);
    }

    /// <summary>A random pause before a notified reload, up to <c>Snapshot:LoadJitterMilliseconds</c>.</summary>
    public Task JitterAsync(CancellationToken cancellationToken) =>
        options.Value.LoadJitterMilliseconds == 0
            ? Task.CompletedTask
            : Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(options.Value.LoadJitterMilliseconds)), cancellationToken);
}
