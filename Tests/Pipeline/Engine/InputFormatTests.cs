using DuckDB.NET.Data;
using Recommender.Scheduler.Pipeline.Engine;
using static Recommender.Tests.Pipeline.Engine.EngineScratch;

namespace Recommender.Tests.Pipeline.Engine;

/// <summary>
/// CSV is read by the engine's own digest and Parquet by DuckDB: the same rows must be judged and
/// counted the same way whichever format they arrive in, and a day with both formats adds them up.
/// </summary>
public sealed class InputFormatTests : IDisposable
{
    private const string D = "2026-03-10";
    private readonly EngineScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static readonly string[] Good = [$"A1,p1,impression,{D}", $"A1,p1,click,{D}", $"A1,p2,impression,{D}", $"B9,p1,impression,{D}"];

    [Theory]
    [InlineData("A1,p9,purchase," + D, "unknown_type")]
    [InlineData("A1,p9,Click," + D, "unknown_type")]
    [InlineData("A1,p9,impression,2026-13-45", "unparseable_date")]
    [InlineData("A1,p9,impression,yesterday", "unparseable_date")]
    [InlineData("A1,p9,impression,", "unparseable_date")]
    [InlineData(",p9,impression," + D, "empty_id")]
    [InlineData("A1,\"\",impression," + D, "empty_id")]
    [InlineData("A1,p\"9,impression," + D, "stray_quote")]
    [InlineData("A1,\"p9\"x,impression," + D, "stray_quote")]
    [InlineData("A1,\"p9\",\"impression\",\"" + D + "\"", null)]
    public void Csv_and_parquet_judge_the_same_row_alike(string line, string? reason)
    {
        var csv = _scratch.Write("ads.csv", Lines([AdsHeader, .. Good, line]));
        var parquet = ToParquet(csv, Path.Combine(_scratch.Root, "ads.parquet"));

        var fromCsv = _scratch.RunRequest(Request(new InputFile(csv, "raw/ads_views.csv", IsParquet: false), "csv"));
        var fromParquet = _scratch.RunRequest(Request(new InputFile(parquet, "raw/ads_views.parquet", IsParquet: true), "parquet"));

        foreach (var run in new[] { fromCsv, fromParquet })
        {
            var scan = run.Filter.AdsViews;
            Assert.Equal(reason, scan.Reasons.SingleOrDefault()?.Reason);
            Assert.Equal(5, scan.RowsRead);
            Assert.Equal(reason is null ? 4 : 3, scan.RowsKept);
        }

        Assert.Equal(fromCsv.TopCtrRows, fromParquet.TopCtrRows);
        Assert.Equal(EngineScratch.Rows(fromCsv.DailyAdvertisersPath), EngineScratch.Rows(fromParquet.DailyAdvertisersPath));
    }

    [Fact]
    public void A_day_in_both_formats_sums_the_events_of_both()
    {
        var csv = _scratch.Write("ads.csv", Lines([AdsHeader, $"A1,p1,impression,{D}", $"A1,p1,click,{D}", $"A1,p2,impression,{D}"]));
        var other = _scratch.Write("more.csv", Lines([AdsHeader, $"A1,p1,impression,{D}", $"A1,p2,click,{D}", $"A1,p2,impression,{D}", $"A1,p3,impression,{D}"]));
        var parquet = ToParquet(other, Path.Combine(_scratch.Root, "more.parquet"));
        var request = new FilterRequest(
            _scratch.Write("advertiser_ids.csv", "advertiser_id\nA1\n"),
            [new InputFile(csv, "raw/ads_views/date=2026-03-10/part-00000.csv", IsParquet: false),
             new InputFile(parquet, "raw/ads_views/date=2026-03-10/part-00001.parquet", IsParquet: true)],
            [new InputFile(_scratch.Write("views.csv", ViewsHeader + "\n"), "raw/product_views.csv", IsParquet: false)],
            Day,
            Day,
            Path.Combine(_scratch.Root, "out"));

        var run = _scratch.RunRequest(request);

        Assert.Equal(7, run.Filter.AdsViews.RowsKept);
        Assert.Equal([$"{D}|A1|1|p1|1|2|0.5", $"{D}|A1|2|p2|1|2|0.5", $"{D}|A1|3|p3|0|1|0"], run.TopCtrRows);
        Assert.Equal([$"{D}|A1|p1|2|1", $"{D}|A1|p2|2|1", $"{D}|A1|p3|1|0"], EngineScratch.Rows(request.FilteredAdsViews));
    }

    private FilterRequest Request(InputFile ads, string output) => new(
        _scratch.Write("advertiser_ids.csv", "advertiser_id\nA1\n"),
        [ads],
        [new InputFile(_scratch.Write("views.csv", ViewsHeader + "\n"), "raw/product_views.csv", IsParquet: false)],
        Day,
        Day,
        Path.Combine(_scratch.Root, output));

    /// <summary>The CSV's rows as a Parquet file of text columns, every value exactly as written (quotes included).</summary>
    private static string ToParquet(string csv, string parquet)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            COPY (SELECT * FROM read_csv('{csv}', header = true, auto_detect = false, delim = ',', quote = '', escape = '',
                columns = {"{"}'advertiser_id': 'VARCHAR', 'product_id': 'VARCHAR', 'type': 'VARCHAR', 'date': 'VARCHAR'{"}"}))
            TO '{parquet}' (FORMAT parquet)
            """;
        command.ExecuteNonQuery();
        return parquet;
    }
}
