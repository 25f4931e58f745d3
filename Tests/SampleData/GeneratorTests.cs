using System.IO.Compression;
using System.Security.Cryptography;
using DuckDB.NET.Data;
using Recommender.Scheduler.SampleData;

namespace Recommender.Tests.SampleData;

public sealed class GeneratorTests : IDisposable
{
    private static readonly DateOnly End = new(2026, 3, 31);

    private readonly string _root = Directory.CreateTempSubdirectory("recs-gen-tests-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static SampleDataSpec Small(SampleFormat format = SampleFormat.Csv, SampleLayout layout = SampleLayout.Daily) => new()
    {
        ActiveAdvertisers = 6,
        InactiveAdvertisers = 3,
        ProductsPerAdvertiser = 40,
        Days = 3,
        EndDate = End,
        RowsPerDay = 60_000,
        Format = format,
        Layout = layout,
        Seed = 1234,
    };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<string> GenerateAsync(SampleDataSpec spec, string name)
    {
        var folder = Path.Combine(_root, name);
        await new SampleDataGenerator().GenerateAsync(spec, new LocalFolderTarget(folder), progress: null, Cancel);
        return folder;
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            file => Path.GetRelativePath(folder, file),
            file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));

    [Theory]
    [InlineData(SampleFormat.Csv, SampleLayout.Daily)]
    [InlineData(SampleFormat.CsvGz, SampleLayout.Daily)]
    [InlineData(SampleFormat.Parquet, SampleLayout.Daily)]
    [InlineData(SampleFormat.Csv, SampleLayout.SingleFile)]
    [InlineData(SampleFormat.CsvGz, SampleLayout.SingleFile)]
    [InlineData(SampleFormat.Parquet, SampleLayout.SingleFile)]
    public async Task Same_seed_gives_byte_identical_files(SampleFormat format, SampleLayout layout)
    {
        var first = await GenerateAsync(Small(format, layout), "first");
        var second = await GenerateAsync(Small(format, layout), "second");

        Assert.Equal(Hashes(first), Hashes(second));
    }

    [Fact]
    public async Task Another_seed_gives_other_data()
    {
        var first = await GenerateAsync(Small(), "first");
        var second = await GenerateAsync(Small() with { Seed = 99 }, "second");

        Assert.NotEqual(Hashes(first)["raw/ads_views/date=2026-03-31/part-00000.csv"], Hashes(second)["raw/ads_views/date=2026-03-31/part-00000.csv"]);
    }

    [Fact]
    public async Task Daily_layout_writes_one_file_per_dataset_and_day_with_only_that_day()
    {
        var folder = await GenerateAsync(Small(), "daily");

        foreach (var dataset in SampleDataGenerator.Datasets)
        {
            for (var day = End.AddDays(-2); day <= End; day = day.AddDays(1))
            {
                var lines = File.ReadAllLines(Path.Combine(folder, $"raw/{dataset}/date={day:yyyy-MM-dd}/part-00000.csv"));
                Assert.Equal(SampleDataGenerator.Header(dataset).TrimEnd('\n'), lines[0]);
                Assert.Equal(60_000, lines.Length - 1);
                Assert.All(lines.Skip(1), line => Assert.EndsWith($",{day:yyyy-MM-dd}", line, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Single_file_layout_spans_every_day_in_order()
    {
        var folder = await GenerateAsync(Small(layout: SampleLayout.SingleFile), "single");

        var dates = File.ReadLines(Path.Combine(folder, "raw/product_views.csv")).Skip(1).Select(line => line[^10..]).ToList();

        Assert.Equal(180_000, dates.Count);
        Assert.Equal(["2026-03-29", "2026-03-30", "2026-03-31"], dates.Distinct());
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
    }

    [Fact]
    public async Task Only_active_advertisers_are_listed_but_all_appear_in_the_logs()
    {
        var folder = await GenerateAsync(Small(), "advertisers");

        var active = File.ReadAllLines(Path.Combine(folder, "raw/advertiser_ids.csv")).Skip(1).ToHashSet();
        var inLogs = Directory.EnumerateFiles(Path.Combine(folder, "raw/ads_views"), "*.csv", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Skip(1))
            .Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)])
            .ToHashSet();

        Assert.Equal(6, active.Count);
        Assert.Equal(9, inLogs.Count);
        Assert.Subset(inLogs, active);
        Assert.All(inLogs, id => Assert.Matches("^[A-Z0-9]{20}$", id));
    }

    [Fact]
    public async Task Rows_have_the_documented_shape_and_click_share()
    {
        var spec = Small() with { Days = 1, RowsPerDay = 400_000 };
        var folder = await GenerateAsync(spec, "shape");

        var rows = File.ReadLines(Path.Combine(folder, "raw/ads_views/date=2026-03-31/part-00000.csv")).Skip(1).Select(line => line.Split(',')).ToList();

        Assert.All(rows, fields =>
        {
            Assert.Equal(4, fields.Length);
            Assert.Matches("^[a-z0-9]{6}$", fields[1]);
            Assert.Contains(fields[2], (string[])["impression", "click"]);
        });
        var clickShare = rows.Count(fields => fields[2] == "click") / (double)rows.Count;
        Assert.InRange(clickShare, 0.009, 0.011);
        Assert.All(rows.GroupBy(fields => fields[0]), advertiser => Assert.InRange(advertiser.Select(f => f[1]).Distinct().Count(), 1, 40));
    }

    [Fact]
    public async Task Popularity_is_skewed()
    {
        var folder = await GenerateAsync(Small() with { Days = 1, RowsPerDay = 200_000 }, "skew");

        var perAdvertiser = File.ReadLines(Path.Combine(folder, "raw/product_views/date=2026-03-31/part-00000.csv")).Skip(1)
            .GroupBy(line => line[..20])
            .Select(g => g.Count())
            .OrderDescending()
            .ToList();

        // Zipf: the most popular advertiser sees several times the traffic of the least popular one.
        Assert.True(perAdvertiser[0] > 4 * perAdvertiser[^1], $"counts: {string.Join(", ", perAdvertiser)}");
    }

    [Fact]
    public async Task Csv_gz_and_parquet_hold_the_same_rows_as_csv()
    {
        var csv = await GenerateAsync(Small(layout: SampleLayout.SingleFile), "csv");
        var gz = await GenerateAsync(Small(SampleFormat.CsvGz, SampleLayout.SingleFile), "gz");
        var parquet = await GenerateAsync(Small(SampleFormat.Parquet, SampleLayout.SingleFile), "parquet");

        var expected = await File.ReadAllBytesAsync(Path.Combine(csv, "raw/ads_views.csv"), Cancel);
        await using (var unzip = new GZipStream(File.OpenRead(Path.Combine(gz, "raw/ads_views.csv.gz")), CompressionMode.Decompress))
        {
            using var copy = new MemoryStream();
            await unzip.CopyToAsync(copy, Cancel);
            Assert.Equal(expected, copy.ToArray());
        }

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var compare = duck.CreateCommand();
        compare.CommandText = $"""
            SELECT
              (SELECT count(*) FROM read_parquet('{parquet}/raw/ads_views.parquet')),
              (SELECT count(*) FROM (
                 SELECT advertiser_id, product_id, type, CAST(date AS VARCHAR) FROM read_parquet('{parquet}/raw/ads_views.parquet')
                 EXCEPT ALL
                 SELECT advertiser_id, product_id, type, CAST(date AS VARCHAR) FROM read_csv('{csv}/raw/ads_views.csv', header = true, all_varchar = true)))
            """;
        using var reader = compare.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(180_000L, reader.GetInt64(0));
        Assert.Equal(0L, reader.GetInt64(1));
    }

    [Fact]
    public void Spec_problems_name_the_option()
    {
        var problems = (Small() with { ActiveAdvertisers = 0, Days = 0, ClickShare = 2, Prefix = "raw" }).Validate();

        Assert.Contains(problems, p => p.Contains("--active", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--days", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--click-share", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--prefix", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_spec_writes_nothing()
    {
        var folder = Path.Combine(_root, "invalid");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            new SampleDataGenerator().GenerateAsync(Small() with { Days = -1 }, new LocalFolderTarget(folder), null, Cancel));

        Assert.False(Directory.Exists(folder));
    }
}
