using Npgsql;
using Recommender.Contracts;
using Recommender.RecsApi.Data;

namespace Recommender.RecsApi.Snapshot;

/// <summary>Builds a date's compact body from the model tables: the slow path, taken once per publication.</summary>
internal static class SnapshotDayBuilder
{
    public static async Task<byte[]> BuildAsync(NpgsqlConnection connection, DateOnly date, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, Record>(StringComparer.Ordinal);
        await using var batch = Sql.Batch(connection, "snapshot_day_rows", date);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = RecordOf(records, reader.GetString(0));
            record.Active = true;
            (record.Impressions, record.Clicks, record.Views) = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        await reader.NextResultAsync(cancellationToken);
        Record? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            current = Current(records, current, reader.GetString(0));
            current.TopCtr.Add(new RecommendedProduct(reader.GetString(2), reader.GetInt16(1), reader.GetDouble(5), reader.GetInt64(3), reader.GetInt64(4)));
        }

        await reader.NextResultAsync(cancellationToken);
        current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            current = Current(records, current, reader.GetString(0));
            var views = reader.GetInt64(3);
            current.TopProduct.Add(new RecommendedProduct(reader.GetString(2), reader.GetInt16(1), views, Views: views));
        }

        return SnapshotDayWriter.Write(
            [.. records.Values.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => r.ToAdvertiserOnDay(date))]);
    }

    /// <summary>The rows come grouped by advertiser, so the look-up is needed only when the advertiser changes.</summary>
    private static Record Current(Dictionary<string, Record> records, Record? current, string advertiserId) =>
        current is not null && current.Id == advertiserId ? current : RecordOf(records, advertiserId);

    private static Record RecordOf(Dictionary<string, Record> records, string advertiserId)
    {
        if (!records.TryGetValue(advertiserId, out var record))
        {
            records[advertiserId] = record = new Record(advertiserId);
        }

        return record;
    }

    private sealed class Record(string id)
    {
        public string Id { get; } = id;

        public bool Active { get; set; }

        public long Impressions { get; set; }

        public long Clicks { get; set; }

        public long Views { get; set; }

        public List<RecommendedProduct> TopCtr { get; } = [];

        public List<RecommendedProduct> TopProduct { get; } = [];

        public AdvertiserOnDay ToAdvertiserOnDay(DateOnly date) =>
            new(Id, date, new AdvertiserTotals(Active, Impressions, Clicks, Views, TopCtr.Count, TopProduct.Count), TopCtr, TopProduct);
    }
}
