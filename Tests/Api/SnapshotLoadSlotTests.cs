using Npgsql;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>
/// RecsApi replicas share two snapshot-load slots (session advisory locks, class "Snap"), so a
/// publish never has more than two replicas reading the whole day from PostgreSQL at once.
/// </summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class SnapshotLoadSlotTests(StackFixture stack) : ApiTest(stack)
{
    private const int LockClass = 0x536E_6170;

    [Fact]
    public async Task A_publish_waits_while_other_replicas_hold_every_load_slot_and_is_served_once_one_frees()
    {
        var date = FixturePublisher.Yesterday;
        var id = Fixture.Id("SLOTS");
        await PublishAsync(date, new FixtureAdvertiser(id, ["old1"], ["old2"]));

        // Two other "replicas" loading: each holds one slot on a connection of its own.
        await using var first = await HoldSlotAsync(0);
        await using var second = await HoldSlotAsync(1);
        await Fixture.PublishAsync(date, [new FixtureAdvertiser(id, ["new1", "new2"], ["old2"])], Cancel);

        // Longer than the notification, the jitter (1 s) and many slot attempts take; the API keeps serving the old publication.
        await Task.Delay(TimeSpan.FromSeconds(4), Cancel);
        Assert.Equal(["old1"], await TopCtrAsync(id));
        Assert.Equal(2, await HeldSlotsAsync());

        await ReleaseSlotAsync(first, 0);
        await EventuallyAsync(async () => (await TopCtrAsync(id)).SequenceEqual(["new1", "new2"]), "the new list once a slot is free");
    }

    private async Task<List<string>> TopCtrAsync(string id) =>
        [.. (await Api.GetRecommendationsAsync(id, ModelNames.TopCtr, cancellationToken: Cancel)).Products.Select(p => p.ProductId)];

    private async Task<NpgsqlConnection> HoldSlotAsync(int slot)
    {
        var connection = await Fixture.DataSource.OpenConnectionAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = slot });
        Assert.Equal(true, await command.ExecuteScalarAsync(Cancel));
        return connection;
    }

    // Closing is not enough: a pooled connection keeps its session, and its lock, until it is next used.
    private static async Task ReleaseSlotAsync(NpgsqlConnection connection, int slot)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = slot });
        Assert.Equal(true, await command.ExecuteScalarAsync(Cancel));
    }

    private async Task<long> HeldSlotsAsync()
    {
        await using var command = Fixture.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::oid AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
        command.Parameters.Add(new NpgsqlParameter { Value = (long)LockClass });
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
