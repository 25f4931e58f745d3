using Npgsql;
using NpgsqlTypes;

namespace Recommender.Benchmarks.LoadBenchmark;

/// <summary>
/// Fills the benchmark database as the pipeline would: the schema from the Scheduler's migrations,
/// then <c>days</c> published dates ending yesterday with 20-product lists of both models for every
/// advertiser. Ids look like the real ones (20-character advertisers, 6-character products); the
/// data is the same for the same settings.
/// </summary>
internal static class BenchmarkData
{
    private const int ListLength = 20;
    private const int CatalogSize = 100;

    public static async Task<IReadOnlyList<string>> CreateAsync(string connectionString, string repositoryRoot, BenchmarkSettings settings)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        foreach (var migration in Directory.GetFiles(Path.Combine(repositoryRoot, "Scheduler", "Database", "Migrations"), "*.sql").Order(StringComparer.Ordinal))
        {
            await using var command = dataSource.CreateCommand(await File.ReadAllTextAsync(migration));
            await command.ExecuteNonQueryAsync();
        }

        var random = new Random(42);
        var advertisers = Enumerable.Range(0, settings.Advertisers).Select(_ => Id(random, 20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")).Distinct().ToArray();
        var catalogs = advertisers.ToDictionary(a => a, _ => Enumerable.Range(0, CatalogSize).Select(_ => Id(random, 6, "abcdefghijklmnopqrstuvwxyz0123456789")).Distinct().ToArray());
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        await using var connection = await dataSource.OpenConnectionAsync();
        for (var day = settings.Days - 1; day >= 0; day--)
        {
            var date = yesterday.AddDays(-day);
            await using (var ctr = await connection.BeginBinaryImportAsync(
                "COPY top_ctr (date, advertiser_id, rank, product_id, clicks, impressions, ctr) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var advertiser in advertisers)
                {
                    var rows = Pick(random, catalogs[advertiser])
                        .Select(product => (Product: product, Impressions: (long)random.Next(1_000, 50_000), Clicks: (long)random.Next(0, 500)))
                        .OrderByDescending(r => (double)r.Clicks / r.Impressions).ThenByDescending(r => r.Clicks).ThenBy(r => r.Product, StringComparer.Ordinal);
                    short rank = 0;
                    foreach (var row in rows)
                    {
                        await ctr.WriteRowAsync(default, date, advertiser, ++rank, row.Product, row.Clicks, row.Impressions, (double)row.Clicks / row.Impressions);
                    }
                }

                await ctr.CompleteAsync();
            }

            await using (var views = await connection.BeginBinaryImportAsync(
                "COPY top_product (date, advertiser_id, rank, product_id, views) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var advertiser in advertisers)
                {
                    var rows = Pick(random, catalogs[advertiser])
                        .Select(product => (Product: product, Views: (long)random.Next(1, 100_000)))
                        .OrderByDescending(r => r.Views).ThenBy(r => r.Product, StringComparer.Ordinal);
                    short rank = 0;
                    foreach (var row in rows)
                    {
                        await views.WriteRowAsync(default, date, advertiser, ++rank, row.Product, row.Views);
                    }
                }

                await views.CompleteAsync();
            }

            await using (var active = await connection.BeginBinaryImportAsync(
                "COPY daily_advertisers (date, advertiser_id, impressions, clicks, views) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var advertiser in advertisers)
                {
                    await active.WriteRowAsync(default, date, advertiser, 100_000L, 1_000L, 200_000L);
                }

                await active.CompleteAsync();
            }

            await using var published = new NpgsqlCommand("INSERT INTO published_dates (date, active_advertisers) VALUES ($1, $2)", connection);
            published.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = date, NpgsqlDbType = NpgsqlDbType.Date });
            published.Parameters.Add(new NpgsqlParameter<int> { TypedValue = advertisers.Length });
            await published.ExecuteNonQueryAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
        return advertisers;
    }

    private static IEnumerable<string> Pick(Random random, string[] catalog) => random.GetItems(catalog, catalog.Length).Distinct().Take(ListLength);

    private static string Id(Random random, int length, string alphabet) => new(random.GetItems(alphabet.AsSpan(), length));
}
