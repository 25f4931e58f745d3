using System.Diagnostics;

namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>
/// Runs a tiny CSV day through the engine's real code paths — the CSV digest, Filter, TopCTR and
/// TopProduct, each in its own DuckDB session as the steps do — so the JIT and DuckDB's
/// first-session costs are paid at start-up, not by the first real run.
/// </summary>
public static class EngineWarmup
{
    private static readonly DateOnly Day = new(2000, 1, 1);

    /// <summary>Returns how long the warm-up took; the scratch folder is removed either way.</summary>
    public static TimeSpan Run(PipelineEngine engine, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("recs-warmup-").FullName;
        try
        {
            var day = Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var advertisers = Write(folder, "advertiser_ids.csv", "advertiser_id\nA1\nA2\n");
            var adsViews = Write(folder, "ads_views.csv",
                $"advertiser_id,product_id,type,date\nA1,p1,impression,{day}\nA1,p1,click,{day}\nA1,p2,impression,{day}\nA2,p3,impression,{day}\nA9,p1,click,{day}\n");
            var productViews = Write(folder, "product_views.csv",
                $"advertiser_id,product_id,date\nA1,p1,{day}\nA1,p2,{day}\nA2,p3,{day}\nA2,p3,{day}\n");
            var csvDay = new FilterRequest(
                advertisers,
                [new InputFile(adsViews, "warmup/ads_views.csv", IsParquet: false)],
                [new InputFile(productViews, "warmup/product_views.csv", IsParquet: false)],
                Day, Day, Path.Combine(folder, "csv"));
            engine.Filter(csvDay, cancellationToken);
            engine.TopCtr(csvDay.FilteredAdsViews, Path.Combine(folder, "top_ctr.parquet"), cancellationToken);
            engine.TopProduct(csvDay.FilteredProductViews, Path.Combine(folder, "top_product.parquet"), cancellationToken);

            return clock.Elapsed;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
