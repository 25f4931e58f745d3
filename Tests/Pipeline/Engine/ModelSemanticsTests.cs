using static Recommender.Tests.Pipeline.Engine.EngineScratch;

namespace Recommender.Tests.Pipeline.Engine;

public sealed class ModelSemanticsTests : IDisposable
{
    private const string D = "2026-03-10";
    private readonly EngineScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static string[] Events(string advertiser, string product, int clicks, int impressions, string date = D) =>
    [
        .. Enumerable.Repeat($"{advertiser},{product},click,{date}", clicks),
        .. Enumerable.Repeat($"{advertiser},{product},impression,{date}", impressions),
    ];

    private static string[] Views(string advertiser, string product, int views, string date = D) =>
        [.. Enumerable.Repeat($"{advertiser},{product},{date}", views)];

    [Fact]
    public void Top_ctr_ranks_by_ctr_then_clicks_then_product_id()
    {
        var ads = Lines([
            AdsHeader,
            .. Events("A1", "p-low", 1, 10),   // 0.1
            .. Events("A1", "p-b", 2, 4),      // 0.5, 2 clicks
            .. Events("A1", "p-a", 1, 2),      // 0.5, 1 click
            .. Events("A1", "p-c", 2, 4),      // 0.5, 2 clicks: ties p-b, wins on id
            .. Events("A1", "p-none", 0, 3),   // 0.0 is still a rate
        ]);

        var run = _scratch.Run("A1", ads, ViewsHeader + "\n");

        Assert.Equal(
            [
                $"{D}|A1|1|p-b|2|4|0.5",
                $"{D}|A1|2|p-c|2|4|0.5",
                $"{D}|A1|3|p-a|1|2|0.5",
                $"{D}|A1|4|p-low|1|10|0.1",
                $"{D}|A1|5|p-none|0|3|0",
            ],
            run.TopCtrRows);
    }

    [Fact]
    public void Top_product_ranks_by_views_then_product_id()
    {
        var views = Lines([ViewsHeader, .. Views("A1", "p2", 3), .. Views("A1", "p1", 3), .. Views("A1", "p3", 5), .. Views("A1", "p0", 1)]);

        var run = _scratch.Run("A1", AdsHeader + "\n", views);

        Assert.Equal([$"{D}|A1|1|p3|5", $"{D}|A1|2|p1|3", $"{D}|A1|3|p2|3", $"{D}|A1|4|p0|1"], run.TopProductRows);
    }

    [Fact]
    public void Product_ids_tie_break_in_byte_order_not_culture_order()
    {
        // Ordinal: 'B' (0x42) < 'a' (0x61) < 'b' < 'ä' (0xC3 0xA4); a culture-aware sort would put 'a' first and 'ä' next to it.
        var views = Lines([ViewsHeader, .. Views("A1", "b", 2), .. Views("A1", "ä", 2), .. Views("A1", "a", 2), .. Views("A1", "B", 2)]);

        var run = _scratch.Run("A1", AdsHeader + "\n", views);

        Assert.Equal(["B", "a", "b", "ä"], run.TopProductRows.Select(r => r.Split('|')[3]));
    }

    [Fact]
    public void Clicks_without_impressions_are_not_ranked_and_are_reported()
    {
        var ads = Lines([AdsHeader, .. Events("A1", "p1", 1, 2), .. Events("A1", "ghost", 3, 0), .. Events("A2", "ghost2", 1, 0)]);

        var run = _scratch.Run("A1,A2", ads, ViewsHeader + "\n");

        Assert.Equal([$"{D}|A1|1|p1|1|2|0.5"], run.TopCtrRows);
        Assert.Equal(2, run.TopCtr.ZeroImpressionProducts);
        Assert.Equal(["A1/ghost/3", "A2/ghost2/1"], run.TopCtr.ZeroImpressionSamples!.Select(z => $"{z.AdvertiserId}/{z.ProductId}/{z.Clicks}"));
    }

    [Fact]
    public void At_most_twenty_products_are_kept_and_fewer_are_all_kept()
    {
        var many = Enumerable.Range(1, 25).SelectMany(i => Views("BIG", $"p{i:D2}", i));
        var few = Views("SMALL", "only", 1).Concat(Views("SMALL", "other", 2));

        var run = _scratch.Run("BIG,SMALL", AdsHeader + "\n", Lines([ViewsHeader, .. many, .. few]));

        var big = run.TopProductRows.Where(r => r.Contains("|BIG|", StringComparison.Ordinal)).ToList();
        Assert.Equal(20, big.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), big.Select(r => r.Split('|')[2]));
        Assert.Equal("p25", big[0].Split('|')[3]);
        Assert.Equal("p06", big[^1].Split('|')[3]);
        Assert.Equal([$"{D}|SMALL|1|other|2", $"{D}|SMALL|2|only|1"], run.TopProductRows.Where(r => r.Contains("|SMALL|", StringComparison.Ordinal)));
    }

    [Fact]
    public void Inactive_advertisers_are_dropped()
    {
        var run = _scratch.Run(
            "ACTIVE",
            Lines([AdsHeader, .. Events("ACTIVE", "p1", 1, 1), .. Events("GONE", "p1", 5, 5)]),
            Lines([ViewsHeader, .. Views("ACTIVE", "p1", 1), .. Views("GONE", "p9", 9)]));

        Assert.All(run.TopCtrRows.Concat(run.TopProductRows).Concat(run.DailyAdvertiserRows), r => Assert.Contains("|ACTIVE|", r, StringComparison.Ordinal));
        Assert.Equal(2, run.Filter.AdsViews.RowsKept);
        Assert.Equal(12, run.Filter.AdsViews.RowsRead);
    }

    [Fact]
    public void Rows_of_other_dates_are_ignored()
    {
        var run = _scratch.Run(
            "A1",
            Lines([AdsHeader, .. Events("A1", "p1", 1, 1, "2026-03-09"), .. Events("A1", "p2", 1, 4), .. Events("A1", "p1", 9, 9, "2026-03-11")]),
            Lines([ViewsHeader, .. Views("A1", "old", 9, "2026-03-09"), .. Views("A1", "p2", 1), .. Views("A1", "new", 9, "2026-03-11")]));

        Assert.Equal([$"{D}|A1|1|p2|1|4|0.25"], run.TopCtrRows);
        Assert.Equal([$"{D}|A1|1|p2|1"], run.TopProductRows);
        Assert.Equal(5, run.Filter.AdsViews.RowsRead);
        Assert.Equal(0, run.Filter.AdsViews.BadRows);
    }

    [Fact]
    public void An_active_advertiser_without_events_gets_a_row_of_zeros()
    {
        var run = _scratch.Run(
            "BUSY,QUIET",
            Lines([AdsHeader, .. Events("BUSY", "p1", 1, 3)]),
            Lines([ViewsHeader, .. Views("BUSY", "p1", 2)]));

        Assert.Equal([$"{D}|BUSY|3|1|2", $"{D}|QUIET|0|0|0"], run.DailyAdvertiserRows);
        Assert.DoesNotContain(run.TopCtrRows.Concat(run.TopProductRows), r => r.Contains("QUIET", StringComparison.Ordinal));
        Assert.Equal(2, run.Filter.ActiveAdvertisers);
    }

    [Fact]
    public void An_empty_day_gives_empty_models_and_zero_totals()
    {
        var run = _scratch.Run("A1,A2", AdsHeader + "\n", ViewsHeader + "\n");

        Assert.Empty(run.TopCtrRows);
        Assert.Empty(run.TopProductRows);
        Assert.Equal([$"{D}|A1|0|0|0", $"{D}|A2|0|0|0"], run.DailyAdvertiserRows);
        Assert.Equal(0, run.Filter.AdsViews.RowsRead);
    }

    [Fact]
    public void A_range_of_dates_ranks_each_date_on_its_own()
    {
        var run = _scratch.Run(
            "A1",
            Lines([AdsHeader, .. Events("A1", "p1", 1, 1), .. Events("A1", "p2", 1, 1, "2026-03-11"), .. Events("A1", "p3", 1, 2, "2026-03-11")]),
            ViewsHeader + "\n",
            last: new DateOnly(2026, 3, 11));

        Assert.Equal(
            [$"{D}|A1|1|p1|1|1|1", "2026-03-11|A1|1|p2|1|1|1", "2026-03-11|A1|2|p3|1|2|0.5"],
            run.TopCtrRows);
        Assert.Equal(2, run.DailyAdvertiserRows.Count);
    }

    [Theory]
    [InlineData(11, 40, 2, 60)]   // few clicks: most of a top 20 are unclicked products, in id order
    [InlineData(12, 30, 3, 4)]    // many clicks and many equal rates around the 20th place
    [InlineData(13, 8, 1, 1_000)] // fewer than 20 products
    public void Both_rankings_match_a_plain_sort_of_every_product(int seed, int products, int maxClicks, int maxImpressions)
    {
        var random = new Random(seed);
        var ads = new List<string> { AdsHeader };
        var views = new List<string> { ViewsHeader };
        foreach (var advertiser in new[] { "A1", "A2", "A3" })
        {
            foreach (var product in Enumerable.Range(0, products).Select(i => $"p{random.Next(1_000):D3}").Distinct())
            {
                ads.AddRange(Events(advertiser, product, random.Next(maxClicks + 1), random.Next(maxImpressions + 1)));
                views.AddRange(Views(advertiser, product, random.Next(4)));
            }
        }

        var run = _scratch.Run("A1,A2,A3", Lines([.. ads]), Lines([.. views]));

        var ctrExpected = ads.Skip(1).Select(l => l.Split(','))
            .GroupBy(f => (Advertiser: f[0], Product: f[1]))
            .Select(g => (g.Key.Advertiser, g.Key.Product, Clicks: g.Count(f => f[2] == "click"), Impressions: g.Count(f => f[2] == "impression")))
            .Where(p => p.Impressions > 0)
            .GroupBy(p => p.Advertiser)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g
                .OrderByDescending(p => p.Clicks / (double)p.Impressions).ThenByDescending(p => p.Clicks).ThenBy(p => p.Product, StringComparer.Ordinal)
                .Take(20)
                .Select((p, i) => $"{D}|{p.Advertiser}|{i + 1}|{p.Product}|{p.Clicks}|{p.Impressions}|{(p.Clicks / (double)p.Impressions).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}"));
        var productExpected = views.Skip(1).Select(l => l.Split(','))
            .GroupBy(f => (Advertiser: f[0], Product: f[1]))
            .GroupBy(g => g.Key.Advertiser)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g
                .OrderByDescending(p => p.Count()).ThenBy(p => p.Key.Product, StringComparer.Ordinal)
                .Take(20)
                .Select((p, i) => $"{D}|{p.Key.Advertiser}|{i + 1}|{p.Key.Product}|{p.Count()}"));
        Assert.Equal(ctrExpected, run.TopCtrRows);
        Assert.Equal(productExpected, run.TopProductRows);
    }

    [Fact]
    public void The_same_input_gives_byte_identical_parquet()
    {
        var random = new Random(7);
        var ads = Lines([AdsHeader, .. Enumerable.Range(0, 20_000).Select(_ =>
            $"A{random.Next(5)},p{random.Next(300)},{(random.Next(20) == 0 ? "click" : "impression")},{D}")]);
        var views = Lines([ViewsHeader, .. Enumerable.Range(0, 20_000).Select(_ => $"A{random.Next(6)},p{random.Next(300)},{D}")]);

        var first = _scratch.Run("A0,A1,A2,A3,A4", ads, views, output: "first");
        var second = _scratch.Run("A0,A1,A2,A3,A4", ads, views, output: "second");

        foreach (var file in new[] { "filtered_ads_views.parquet", "filtered_product_views.parquet", "daily_advertisers.parquet", "top_ctr.parquet", "top_product.parquet" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_scratch.Root, "first", file)), File.ReadAllBytes(Path.Combine(_scratch.Root, "second", file)));
        }

        Assert.Equal(100, first.TopCtrRows.Count);
        Assert.Equal(second.TopProductRows, first.TopProductRows);
    }

    [Fact]
    public void Summing_on_disk_when_products_outgrow_memory_gives_the_same_files()
    {
        var random = new Random(5);
        var days = new[] { D, "2026-03-11", "2026-03-12" };
        var ads = Lines([AdsHeader, .. Enumerable.Range(0, 30_000).Select(_ =>
            $"A{random.Next(4)},p{random.Next(400)},{(random.Next(15) == 0 ? "click" : "impression")},{days[random.Next(3)]}")]);
        var views = Lines([ViewsHeader, .. Enumerable.Range(0, 30_000).Select(_ => $"A{random.Next(4)},p{random.Next(400)},{days[random.Next(3)]}")]);
        var inMemory = _scratch.Run("A0,A1,A2", ads, views, last: new DateOnly(2026, 3, 12), output: "memory");
        var request = new Recommender.Scheduler.Pipeline.Engine.FilterRequest(
            Path.Combine(_scratch.Root, "advertiser_ids.csv"),
            [new(Path.Combine(_scratch.Root, "ads_views.csv"), "raw/ads_views.csv", false)],
            [new(Path.Combine(_scratch.Root, "product_views.csv"), "raw/product_views.csv", false)],
            Day, new DateOnly(2026, 3, 12), Path.Combine(_scratch.Root, "disk"));

        // 3 × 3 × 400 keys per dataset against a budget of 50 per thread: every thread spills many times.
        var onDisk = _scratch.RunRequest(request, new(_scratch.Engine.Settings with { DigestKeysPerThread = 50 }));

        foreach (var file in new[] { "filtered_ads_views.parquet", "filtered_product_views.parquet", "daily_advertisers.parquet", "top_ctr.parquet", "top_product.parquet" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_scratch.Root, "memory", file)), File.ReadAllBytes(Path.Combine(_scratch.Root, "disk", file)));
        }

        Assert.Equal(180, onDisk.TopCtrRows.Count);
        Assert.Equal(inMemory.Filter.Datasets.Select(d => (d.RowsRead, d.RowsKept)), onDisk.Filter.Datasets.Select(d => (d.RowsRead, d.RowsKept)));
    }

    [Fact]
    public void Ranking_straight_from_the_scan_gives_the_same_files_as_the_steps()
    {
        var random = new Random(3);
        var ads = Lines([AdsHeader, .. Enumerable.Range(0, 5_000).Select(_ => $"A{random.Next(4)},p{random.Next(80)},{(random.Next(10) == 0 ? "click" : "impression")},{D}")]);
        var views = Lines([ViewsHeader, .. Enumerable.Range(0, 5_000).Select(_ => $"A{random.Next(4)},p{random.Next(80)},{D}")]);
        var staged = _scratch.Run("A0,A1,A2", ads, views, output: "staged");
        var request = new Recommender.Scheduler.Pipeline.Engine.FilterRequest(
            Path.Combine(_scratch.Root, "advertiser_ids.csv"),
            [new(Path.Combine(_scratch.Root, "ads_views.csv"), "raw/ads_views.csv", false)],
            [new(Path.Combine(_scratch.Root, "product_views.csv"), "raw/product_views.csv", false)],
            Day, Day, Path.Combine(_scratch.Root, "fused"));

        var (filter, topCtr, topProduct) = _scratch.Engine.FilterAndRank(request, Path.Combine(request.OutputDirectory, "top_ctr.parquet"), Path.Combine(request.OutputDirectory, "top_product.parquet"), TestContext.Current.CancellationToken);

        Assert.Equal(File.ReadAllBytes(staged.TopCtrPath), File.ReadAllBytes(Path.Combine(request.OutputDirectory, "top_ctr.parquet")));
        Assert.Equal(File.ReadAllBytes(staged.TopProductPath), File.ReadAllBytes(Path.Combine(request.OutputDirectory, "top_product.parquet")));
        Assert.Equal(File.ReadAllBytes(staged.DailyAdvertisersPath), File.ReadAllBytes(request.DailyAdvertisers));
        Assert.Equal((staged.TopCtr.RowsIn, staged.TopProduct.RowsOut), (topCtr.RowsIn, topProduct.RowsOut));
        Assert.Equal(staged.Filter.Datasets.Select(d => (d.RowsRead, d.RowsKept)), filter.Datasets.Select(d => (d.RowsRead, d.RowsKept)));
    }
}
