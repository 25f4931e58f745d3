using System.Text;
using Recommender.Scheduler.Pipeline;
using Recommender.Scheduler.Pipeline.Engine;
using static Recommender.Tests.Pipeline.Engine.EngineScratch;

namespace Recommender.Tests.Pipeline.Engine;

public sealed class BadInputTests : IDisposable
{
    private const string D = "2026-03-10";
    private readonly EngineScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static readonly string[] Good = [$"A1,p1,impression,{D}", $"A1,p1,click,{D}", $"A1,p2,impression,{D}"];

    [Theory]
    [InlineData("A1,p9,impression", "wrong_column_count")]
    [InlineData("A1,p9,impression," + D + ",extra", "wrong_column_count")]
    [InlineData("A1,p9,purchase," + D, "unknown_type")]
    [InlineData("A1,p9,Click," + D, "unknown_type")]
    [InlineData("A1,p9,impression,2026-13-45", "unparseable_date")]
    [InlineData("A1,p9,impression,yesterday", "unparseable_date")]
    [InlineData("A1,p9,impression,", "unparseable_date")]
    [InlineData(",p9,impression," + D, "empty_id")]
    [InlineData("A1,,impression," + D, "empty_id")]
    [InlineData("A1,\"\",impression," + D, "empty_id")]
    [InlineData("A1,p\"9,impression," + D, "stray_quote")]
    [InlineData("A1,\"p9\"x,impression," + D, "stray_quote")]
    [InlineData("\"A1,p9,impression," + D, "stray_quote")]
    public void A_malformed_row_is_counted_under_its_reason_and_skipped(string line, string reason)
    {
        var run = _scratch.Run("A1", Lines([AdsHeader, Good[0], line, .. Good[1..]]), ViewsHeader + "\n");

        var scan = run.Filter.AdsViews;
        var only = Assert.Single(scan.Reasons);
        Assert.Equal(reason, only.Reason);
        Assert.Equal(1, only.Count);
        Assert.Equal("raw/ads_views.csv", Assert.Single(only.Samples).Object);
        Assert.Equal(4, scan.RowsRead);
        Assert.Equal(3, scan.RowsKept);
        Assert.Equal([$"{D}|A1|1|p1|1|1|1", $"{D}|A1|2|p2|0|1|0"], run.TopCtrRows);
    }

    [Fact]
    public void An_overlong_id_is_a_malformed_row()
    {
        var run = _scratch.Run("A1", Lines([AdsHeader, $"A1,{new string('p', 65)},impression,{D}", .. Good]), ViewsHeader + "\n");

        Assert.Equal("overlong_field", Assert.Single(run.Filter.AdsViews.Reasons).Reason);
    }

    [Fact]
    public void An_overlong_line_is_a_malformed_row_and_does_not_stop_the_read()
    {
        var run = _scratch.Run("A1", Lines([AdsHeader, $"A1,{new string('p', 70_000)},impression,{D}", .. Good]), ViewsHeader + "\n");

        Assert.Equal("overlong_field", Assert.Single(run.Filter.AdsViews.Reasons).Reason);
        Assert.Equal(3, run.Filter.AdsViews.RowsKept);
    }

    [Fact]
    public void Invalid_utf8_is_a_malformed_row_with_its_line_number()
    {
        var bytes = Encoding.UTF8.GetBytes(Lines([AdsHeader, Good[0], $"A1,p\u0001,impression,{D}", .. Good[1..]]));
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xFF;
        var request = new FilterRequest(
            _scratch.Write("advertiser_ids.csv", "advertiser_id\nA1\n"),
            [new InputFile(_scratch.Write("ads.csv", bytes), "raw/ads_views/date=2026-03-10/part-00000.csv", IsParquet: false)],
            [new InputFile(_scratch.Write("views.csv", ViewsHeader + "\n"), "raw/product_views/date=2026-03-10/part-00000.csv", IsParquet: false)],
            EngineScratch.Day,
            EngineScratch.Day,
            Path.Combine(_scratch.Root, "out"));

        var scan = _scratch.RunRequest(request).Filter.AdsViews;

        var reason = Assert.Single(scan.Reasons);
        Assert.Equal("invalid_utf8", reason.Reason);
        var sample = Assert.Single(reason.Samples);
        Assert.Equal(3, sample.Line);
        Assert.Equal("raw/ads_views/date=2026-03-10/part-00000.csv", sample.Object);
    }

    [Fact]
    public void A_stray_quote_does_not_swallow_the_lines_after_it()
    {
        var run = _scratch.Run("A1", Lines([AdsHeader, $"\"A1,p9,impression,{D}", .. Good]), ViewsHeader + "\n");

        Assert.Equal(3, run.Filter.AdsViews.RowsKept);
    }

    [Fact]
    public void Fields_quoted_whole_are_accepted()
    {
        var run = _scratch.Run("A1", Lines([AdsHeader, $"\"A1\",\"p1\",\"click\",\"{D}\"", $"A1,p1,impression,{D}"]), ViewsHeader + "\n");

        Assert.Empty(run.Filter.AdsViews.Reasons);
        Assert.Equal([$"{D}|A1|1|p1|1|1|1"], run.TopCtrRows);
    }

    [Fact]
    public void At_most_ten_samples_are_kept_per_reason_but_all_are_counted()
    {
        var bad = Enumerable.Range(0, 25).Select(i => $"A1,p{i},view,{D}");

        var scan = _scratch.Run("A1", Lines([AdsHeader, .. Good, .. bad]), ViewsHeader + "\n").Filter.AdsViews;

        var reason = Assert.Single(scan.Reasons);
        Assert.Equal(25, reason.Count);
        Assert.Equal(10, reason.Samples.Count);
        Assert.Equal(25 / 28.0, scan.BadShare, 6);
    }

    [Fact]
    public void Malformed_rows_dated_on_another_day_are_not_this_days_concern()
    {
        var scan = _scratch.Run("A1", Lines([AdsHeader, .. Good, "A1,p1,purchase,2026-03-09", "A1,p1,impression,2026-03-11,extra"]), ViewsHeader + "\n").Filter.AdsViews;

        Assert.Empty(scan.Reasons);
        Assert.Equal(3, scan.RowsRead);
    }

    [Fact]
    public void A_corrupt_parquet_file_fails_naming_its_object()
    {
        var request = new FilterRequest(
            _scratch.Write("advertiser_ids.csv", "advertiser_id\nA1\n"),
            [new InputFile(_scratch.Write("ads.parquet", Encoding.ASCII.GetBytes("PAR1 this is not parquet")), "raw/ads_views/date=2026-03-10/part-00000.parquet", IsParquet: true)],
            [new InputFile(_scratch.Write("views.csv", ViewsHeader + "\n"), "raw/product_views.csv", IsParquet: false)],
            EngineScratch.Day,
            EngineScratch.Day,
            Path.Combine(_scratch.Root, "out"));

        var failure = Assert.Throws<PipelineFailure>(() => _scratch.Engine.Filter(request, TestContext.Current.CancellationToken));

        Assert.Contains("raw/ads_views/date=2026-03-10/part-00000.parquet", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_out_of_memory_fails_saying_so_and_what_to_change_not_blaming_the_input()
    {
        var ads = Lines([AdsHeader, .. Enumerable.Range(0, 300_000).Select(i => $"A1,product-{i:D8},impression,{D}")]);
        var request = new FilterRequest(
            _scratch.Write("advertiser_ids.csv", "advertiser_id\nA1\n"),
            [new InputFile(_scratch.Write("ads.csv", ads), "raw/ads_views.csv", IsParquet: false)],
            [new InputFile(_scratch.Write("views.csv", ViewsHeader + "\n"), "raw/product_views.csv", IsParquet: false)],
            EngineScratch.Day,
            EngineScratch.Day,
            Path.Combine(_scratch.Root, "out"));
        var starved = new PipelineEngine(_scratch.Engine.Settings with { MemoryLimit = "4MB", Threads = 1 });

        var failure = Assert.Throws<PipelineFailure>(() => starved.Filter(request, TestContext.Current.CancellationToken));

        Assert.StartsWith("the engine ran out of memory (memory_limit 4MB, threads 1)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Pipeline:MemoryLimit", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_filter_stops_as_cancelled_not_as_bad_input()
    {
        var request = new FilterRequest(
            _scratch.Write("advertiser_ids.csv", "advertiser_id\nA1\n"),
            [new InputFile(_scratch.Write("ads.csv", Lines([AdsHeader, .. Good])), "raw/ads_views.csv", IsParquet: false)],
            [new InputFile(_scratch.Write("views.csv", ViewsHeader + "\n"), "raw/product_views.csv", IsParquet: false)],
            EngineScratch.Day,
            EngineScratch.Day,
            Path.Combine(_scratch.Root, "out"));
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _scratch.Engine.Filter(request, stop.Token));
    }
}
