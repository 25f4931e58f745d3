using System.Collections.Frozen;
using System.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Contracts;
using Recommender.RecsApi.Data;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Options;
using Recommender.RecsApi.Stats;

namespace Recommender.RecsApi.Snapshot;

/// <summary>Builds a <see cref="PublishedSnapshot"/> from PostgreSQL in one read-only, repeatable-read transaction.</summary>
public sealed class SnapshotLoader(IOptions<ApiOptions> options)
{
    public async Task<PublishedSnapshot> LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Repeatable read: every query sees the same publication even if the pipeline commits meanwhile.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var fingerprint = await PublicationFingerprint.ReadAsync(connection, cancellationToken);
        var dates = await ReadPublishedDatesAsync(connection, cancellationToken);

        var latest = FrozenDictionary<string, LatestLists>.Empty;
        DayStats? stats = null;
        if (fingerprint.LatestDate is { } date)
        {
            latest = await ReadLatestAsync(connection, date, cancellationToken);
            stats = await StatsQueries.ComputeAsync(connection, date, cancellationToken);
        }

        var advertisers = await ReadAdvertisersAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PublishedSnapshot(fingerprint, dates, latest, advertisers, stats, options.Value.ResponseCacheEntries);
    }

    private static async Task<List<DateOnly>> ReadPublishedDatesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var dates = new List<DateOnly>();
        await using var batch = Sql.Batch(connection, "published_dates");
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            dates.Add(reader.GetFieldValue<DateOnly>(0));
        }

        return dates;
    }

    /// <summary>
    /// Every advertiser's two responses of <paramref name="date"/>. The rows come grouped by advertiser,
    /// so each advertiser's lists are serialized as soon as its rows end and only its lists are held.
    /// </summary>
    private static async Task<FrozenDictionary<string, LatestLists>> ReadLatestAsync(
        NpgsqlConnection connection, DateOnly date, CancellationToken cancellationToken)
    {
        var active = new List<string>();
        await using (var batch = Sql.Batch(connection, "day_advertisers", date))
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                active.Add(reader.GetString(0));
            }
        }

        var lists = new Dictionary<string, LatestLists>(active.Count, StringComparer.Ordinal);
        List<RecommendedProduct>[] models = [[], []];
        string? current = null;
        await using (var batch = Sql.Batch(connection, "day_recommendations", date))
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var advertiserId = reader.GetString(1);
                if (advertiserId != current)
                {
                    Add(lists, current, date, models);
                    current = advertiserId;
                }

                models[reader.GetInt32(0)].Add(ModelRow.Read(reader, 2));
            }
        }

        Add(lists, current, date, models);
        foreach (var advertiserId in active)
        {
            // Active without recommendations: both lists empty.
            if (!lists.ContainsKey(advertiserId))
            {
                Add(lists, advertiserId, date, models);
            }
        }

        return lists.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Serializes <paramref name="advertiserId"/>'s lists into <paramref name="lists"/> and empties them for the next advertiser.</summary>
    private static void Add(Dictionary<string, LatestLists> lists, string? advertiserId, DateOnly date, List<RecommendedProduct>[] models)
    {
        if (advertiserId is null)
        {
            return;
        }

        lists[advertiserId] = new LatestLists(
            Serialize(advertiserId, ModelNames.TopCtr, date, models[ModelRow.TopCtr]),
            Serialize(advertiserId, ModelNames.TopProduct, date, models[ModelRow.TopProduct]));
        models[ModelRow.TopCtr].Clear();
        models[ModelRow.TopProduct].Clear();
    }

    private static CachedJson Serialize(string advertiserId, string model, DateOnly date, List<RecommendedProduct> products) =>
        CachedJson.Serialize(new RecommendationsResponse(advertiserId, model, date, products), RecsJsonContext.Default.RecommendationsResponse);

    private static async Task<List<AdvertiserSummary>> ReadAdvertisersAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var advertisers = new List<AdvertiserSummary>();
        await using var batch = Sql.Batch(connection, "advertiser_index");
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            advertisers.Add(new AdvertiserSummary(
                reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        }

        advertisers.Sort((a, b) => string.CompareOrdinal(a.AdvertiserId, b.AdvertiserId));
        return advertisers;
    }
}
