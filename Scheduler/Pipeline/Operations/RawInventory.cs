using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Operations;

/// <summary>
/// The dates the bucket holds raw data for (a daily partition of every dataset), kept in
/// <c>raw_inventory</c> so a backfill plan can tell "no raw data" without S3 access (RecsApi has none).
/// </summary>
public sealed class RawInventory(NpgsqlDataSource dataSource, Bucket bucket, IOptions<PipelineOptions> options)
{
    private const string Replace = """
        WITH fresh AS (SELECT unnest($1::date[]) AS date),
        gone AS (DELETE FROM raw_inventory WHERE date NOT IN (SELECT date FROM fresh))
        INSERT INTO raw_inventory (date) SELECT date FROM fresh
        ON CONFLICT (date) DO UPDATE SET refreshed_at = clock_timestamp()
        """;

    /// <summary>Lists the raw partitions and replaces the inventory with them; returns how many dates have raw data.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        HashSet<DateOnly>? dates = null;
        foreach (var dataset in RawDataset.All)
        {
            var found = await PartitionDatesAsync(dataset, cancellationToken);
            dates = dates is null ? found : [.. dates.Intersect(found)];
        }

        await using var command = dataSource.CreateCommand(Replace);
        command.Parameters.Add(new NpgsqlParameter { Value = dates!.Order().ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return dates!.Count;
    }

    private async Task<HashSet<DateOnly>> PartitionDatesAsync(RawDataset dataset, CancellationToken cancellationToken)
    {
        var prefix = $"{options.Value.RawPrefix}{dataset.Name}/date=";
        var dates = new HashSet<DateOnly>();
        await foreach (var entry in bucket.ListAsync(prefix, cancellationToken))
        {
            // <prefix>YYYY-MM-DD/part…: a data file of a daily partition.
            var rest = entry.Key.AsSpan(prefix.Length);
            if (rest.Length > 11 && rest[10] == '/'
                && DateOnly.TryParseExact(rest[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && Input.RawInputLocator.Extensions.Any(ext => entry.Key.EndsWith(ext, StringComparison.Ordinal)))
            {
                dates.Add(date);
            }
        }

        return dates;
    }
}
