using Npgsql;
using NpgsqlTypes;

namespace Recommender.Tests.Api.Fixtures;

/// <summary>
/// Publishes test advertisers into the stack's <c>recs</c> database the way the pipeline publishes a
/// date — one transaction that replaces the rows in top_ctr, top_product and daily_advertisers,
/// upserts published_dates, then NOTIFY recs_published — but only for this fixture's advertisers,
/// so the pipeline's own data for the same date stays as it is. Dispose removes everything it added.
/// Each instance has its own id prefix (APITEST…), so fixtures never touch each other's rows.
/// </summary>
public sealed class FixturePublisher(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private readonly HashSet<DateOnly> _datesCreated = [];
    private readonly HashSet<DateOnly> _datesTouched = [];

    public string Prefix { get; } = $"APITEST{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>The latest date tests publish: yesterday (UTC), as the pipeline would.</summary>
    public static DateOnly Yesterday => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    public string Id(string name) => $"{Prefix}{name}";

    /// <param name="notify">False leaves out the NOTIFY, as if the notification had been lost.</param>
    /// <param name="runId">The run recorded as the publisher (null keeps what the date has).</param>
    public async Task PublishAsync(
        DateOnly date, IReadOnlyList<FixtureAdvertiser> advertisers, CancellationToken cancellationToken = default, bool notify = true, long? runId = null)
    {
        if (advertisers.Any(a => !a.Id.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Fixture advertisers must start with {Prefix}.", nameof(advertisers));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM published_dates WHERE date = $1)", connection, transaction))
        {
            exists.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = date });
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                _datesCreated.Add(date);
            }
        }

        _datesTouched.Add(date);
        await DeleteMineAsync(connection, transaction, date, cancellationToken);

        var ctr = advertisers.SelectMany(a => a.TopCtr.Select((product, i) => (a.Id, Rank: i + 1, product))).ToArray();
        await ExecuteAsync(connection, transaction, """
            INSERT INTO top_ctr (date, advertiser_id, rank, product_id, clicks, impressions, ctr)
            SELECT $1, a, r, p, 100 - r, 1000, (100 - r)::double precision / 1000
            FROM unnest($2::text[], $3::int[], $4::text[]) AS t(a, r, p)
            """, cancellationToken, date, ctr.Select(c => c.Id).ToArray(), ctr.Select(c => c.Rank).ToArray(), ctr.Select(c => c.product).ToArray());

        var views = advertisers.SelectMany(a => a.TopProduct.Select((product, i) => (a.Id, Rank: i + 1, product))).ToArray();
        await ExecuteAsync(connection, transaction, """
            INSERT INTO top_product (date, advertiser_id, rank, product_id, views)
            SELECT $1, a, r, p, 1000 - 10 * r
            FROM unnest($2::text[], $3::int[], $4::text[]) AS t(a, r, p)
            """, cancellationToken, date, views.Select(c => c.Id).ToArray(), views.Select(c => c.Rank).ToArray(), views.Select(c => c.product).ToArray());

        await ExecuteAsync(connection, transaction, """
            INSERT INTO daily_advertisers (date, advertiser_id, impressions, clicks, views)
            SELECT $1, a, 5000, 50, 7000 FROM unnest($2::text[]) AS t(a)
            """, cancellationToken, date, advertisers.Select(a => a.Id).ToArray());

        await ExecuteAsync(connection, transaction, """
            INSERT INTO published_dates (date, published_at, run_id, active_advertisers)
            VALUES ($1, now(), $2, (SELECT count(*) FROM daily_advertisers WHERE date = $1))
            ON CONFLICT (date) DO UPDATE
            SET published_at = now(), active_advertisers = EXCLUDED.active_advertisers, run_id = coalesce(EXCLUDED.run_id, published_dates.run_id)
            """, cancellationToken, date, runId is { } id ? id : DBNull.Value);
        if (notify)
        {
            await ExecuteAsync(connection, transaction, "SELECT pg_notify('recs_published', $1::text)", cancellationToken, date);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes this fixture's rows, and the published dates it created that are empty now, then notifies.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_datesTouched.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var date in _datesTouched)
        {
            await DeleteMineAsync(connection, transaction, date, CancellationToken.None);
            if (_datesCreated.Contains(date))
            {
                await ExecuteAsync(connection, transaction, """
                    DELETE FROM published_dates p
                    WHERE p.date = $1
                      AND NOT EXISTS (SELECT 1 FROM daily_advertisers a WHERE a.date = p.date)
                      AND NOT EXISTS (SELECT 1 FROM top_ctr c WHERE c.date = p.date)
                      AND NOT EXISTS (SELECT 1 FROM top_product t WHERE t.date = p.date)
                    """, CancellationToken.None, date);
            }
            else
            {
                await ExecuteAsync(connection, transaction,
                    "UPDATE published_dates SET active_advertisers = (SELECT count(*) FROM daily_advertisers WHERE date = $1) WHERE date = $1",
                    CancellationToken.None, date);
            }

            await ExecuteAsync(connection, transaction, "SELECT pg_notify('recs_published', $1::text)", CancellationToken.None, date);
        }

        await transaction.CommitAsync();
        await dataSource.DisposeAsync();
    }

    private async Task DeleteMineAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly date, CancellationToken cancellationToken)
    {
        foreach (var table in new[] { "top_ctr", "top_product", "daily_advertisers" })
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE date = $1 AND advertiser_id LIKE $2", cancellationToken, date, Prefix + "%");
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value is DateOnly date
                ? new NpgsqlParameter<DateOnly> { TypedValue = date, NpgsqlDbType = NpgsqlDbType.Date }
                : value is DBNull ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Bigint }
                : new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
