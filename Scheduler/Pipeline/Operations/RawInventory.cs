using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Pipeline.Input;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Operations;

/// <summary>
/// The dates the bucket holds raw data for, kept in <c>raw_inventory</c> so a backfill plan can tell
/// "no raw data" without S3 access (RecsApi has none). A date has raw data when every dataset has a
/// daily partition of it or a single file (<see cref="RawLayout.SingleFile"/>); the dates inside a
/// single file are not known without reading it, so a dataset with one never rules a date out, and
/// when every dataset has one, <c>raw_inventory_layout</c> says any date may have data.
/// </summary>
public sealed class RawInventory(NpgsqlDataSource dataSource, Bucket bucket, IOptions<PipelineOptions> options)
{
    private const string Replace = """
        WITH fresh AS (SELECT unnest($1::date[]) AS date),
        gone AS (DELETE FROM raw_inventory WHERE date NOT IN (SELECT date FROM fresh)),
        layout AS (
            INSERT INTO raw_inventory_layout (id, single_file_datasets, any_date) VALUES (true, $2, $3)
            ON CONFLICT (id) DO UPDATE SET
                single_file_datasets = excluded.single_file_datasets, any_date = excluded.any_date, refreshed_at = clock_timestamp()
        )
        INSERT INTO raw_inventory (date) SELECT date FROM fresh
        ON CONFLICT (date) DO UPDATE SET refreshed_at = clock_timestamp()
        """;

    /// <summary>Lists the raw objects and replaces the inventory with what they say; returns how many dates it lists.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        HashSet<DateOnly>? dates = null;
        var singleFiles = new List<string>();
        foreach (var dataset in RawDataset.All)
        {
            if (await HasSingleFileAsync(dataset, cancellationToken))
            {
                singleFiles.Add(dataset.Name);
                continue;
            }

            var found = await PartitionDatesAsync(dataset, cancellationToken);
            dates = dates is null ? found : [.. dates.Intersect(found)];
        }

        await using var command = dataSource.CreateCommand(Replace);
        command.Parameters.Add(new NpgsqlParameter { Value = (dates ?? []).Order().ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = singleFiles.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = dates is null });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return dates?.Count ?? 0;
    }

    /// <summary>Whether the dataset has exactly one single file, as <see cref="RawInputLocator"/> reads it (two are ambiguous: a run fails).</summary>
    private async Task<bool> HasSingleFileAsync(RawDataset dataset, CancellationToken cancellationToken)
    {
        var stem = $"{options.Value.RawPrefix}{dataset.Name}";
        var count = 0;
        await foreach (var entry in bucket.ListAsync($"{stem}.", cancellationToken))
        {
            count += RawInputLocator.Extensions.Any(ext => entry.Key == stem + ext) ? 1 : 0;
        }

        return count == 1;
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
                && RawInputLocator.Extensions.Any(ext => entry.Key.EndsWith(ext, StringComparison.Ordinal)))
            {
                dates.Add(date);
            }
        }

        return dates;
    }
}
