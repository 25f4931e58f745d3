using Npgsql;
using Recommender.Contracts;
using Recommender.RecsApi.Data;

namespace Recommender.RecsApi.Stats;

/// <summary>Computes <see cref="DayStats"/> of one published date from the model tables.</summary>
public static class StatsQueries
{
    /// <summary>The date's statistics; the caller knows the date is published.</summary>
    public static async Task<DayStats> ComputeAsync(NpgsqlConnection connection, DateOnly date, CancellationToken cancellationToken)
    {
        DateOnly? previous;
        int active, withRecommendations;
        await using (var counts = Sql.Batch(connection, "day_counts", date))
        await using (var reader = await counts.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            previous = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0);
            active = reader.GetInt32(1);
            withRecommendations = reader.GetInt32(2);
        }

        var overlap = new List<AdvertiserOverlap>();
        await using (var batch = Sql.Batch(connection, "model_overlap", date))
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (ctr, product, shared) = (reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
                overlap.Add(new AdvertiserOverlap(reader.GetString(0), date, ctr, product, shared, Percent(shared, Math.Max(ctr, product))));
            }
        }

        overlap.Sort((a, b) => string.CompareOrdinal(a.AdvertiserId, b.AdvertiserId));

        var changes = new[] { new List<RecommendationChange>(), new List<RecommendationChange>() };
        await using (var batch = Sql.Batch(connection, "model_changes", date))
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (entered, left, shared) = (reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
                changes[reader.GetInt32(0)].Add(new RecommendationChange(
                    reader.GetString(1), date, reader.GetFieldValue<DateOnly>(2), entered, left, shared,
                    Percent(entered + left, entered + left + shared)));
            }
        }

        return new DayStats(date, previous, active, withRecommendations, overlap, Largest(changes[ModelRow.TopCtr]), Largest(changes[ModelRow.TopProduct]));
    }

    /// <summary>Every retained published date, newest first, with the raw rows its run read (when it recorded them).</summary>
    public static async Task<IReadOnlyList<PublishedDate>> ReadPublishedDatesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var dates = new List<PublishedDate>();
        await using var batch = Sql.Batch(connection, "published_date_details");
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowsRead = reader.Maybe<long>("rows_read");
            var badRows = reader.Maybe<long>("bad_rows");
            dates.Add(new PublishedDate(
                reader.Get<DateOnly>("date"), reader.Get<DateTimeOffset>("published_at"), reader.Maybe<long>("run_id"),
                reader.Get<int>("active_advertisers"), reader.Get<int>("top_ctr_advertisers"), reader.Get<int>("top_product_advertisers"),
                rowsRead, rowsRead is > 0 && badRows is { } bad ? Math.Round((double)bad / rowsRead.Value, 6) : null));
        }

        return dates;
    }

    /// <summary>The headline statistics of every retained published date, oldest first; <paramref name="latest"/> spares recomputing the newest.</summary>
    public static async Task<StatsTrend> TrendAsync(NpgsqlConnection connection, DayStats? latest, CancellationToken cancellationToken)
    {
        var dates = await ReadPublishedDatesAsync(connection, cancellationToken);
        var days = new List<StatsTrendDay>(dates.Count);
        foreach (var date in dates.Reverse())
        {
            var stats = latest?.Date == date.Date ? latest : await ComputeAsync(connection, date.Date, cancellationToken);
            days.Add(new StatsTrendDay(
                date.Date,
                stats.ActiveAdvertisers,
                stats.AdvertisersWithRecommendations,
                stats.AverageOverlapPercent,
                stats.AverageChangePercent(ModelNames.TopCtr),
                stats.AverageChangePercent(ModelNames.TopProduct),
                stats.Coverage.TopCtr.Short,
                stats.Coverage.TopProduct.Short,
                date.RowsRead,
                date.BadRowShare));
        }

        return new StatsTrend(days);
    }

    internal static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 2);

    internal static RecommendationChange[] Largest(List<RecommendationChange> changes) =>
        [.. changes
            .OrderByDescending(c => c.ChangePercent)
            .ThenByDescending(c => c.ProductsEntered + c.ProductsLeft)
            .ThenBy(c => c.AdvertiserId, StringComparer.Ordinal)];
}
