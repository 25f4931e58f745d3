using System.Text;
using DuckDB.NET.Data;
using Recommender.Scheduler.Pipeline.Engine;

namespace Recommender.Tests.Pipeline.Engine;

/// <summary>A temp folder with small hand-written raw files, and the engine run over them.</summary>
public sealed class EngineScratch : IDisposable
{
    public static readonly DateOnly Day = new(2026, 3, 10);

    public EngineScratch() => Root = Directory.CreateTempSubdirectory("recs-engine-tests-").FullName;

    public string Root { get; }

    public PipelineEngine Engine { get; } = new(new EngineSettings(2, "1GB", Path.GetTempPath(), 64));

    public static string AdsHeader => "advertiser_id,product_id,type,date";

    public static string ViewsHeader => "advertiser_id,product_id,date";

    public string Write(string name, string content) => Write(name, Encoding.UTF8.GetBytes(content));

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    /// <summary>Runs Filter, TopCTR and TopProduct for <see cref="Day"/> (or a range) over CSV texts.</summary>
    public EngineRun Run(string advertisers, string ads, string views, DateOnly? last = null, string output = "out")
    {
        var request = new FilterRequest(
            Write("advertiser_ids.csv", Lines(["advertiser_id", .. advertisers.Split(',', StringSplitOptions.RemoveEmptyEntries)])),
            [new InputFile(Write("ads_views.csv", ads), "raw/ads_views.csv", IsParquet: false)],
            [new InputFile(Write("product_views.csv", views), "raw/product_views.csv", IsParquet: false)],
            Day,
            last ?? Day,
            Path.Combine(Root, output));
        return RunRequest(request);
    }

    public EngineRun RunRequest(FilterRequest request, PipelineEngine? engine = null)
    {
        engine ??= Engine;
        var filter = engine.Filter(request, TestContext.Current.CancellationToken);
        var topCtr = Path.Combine(request.OutputDirectory, "top_ctr.parquet");
        var topProduct = Path.Combine(request.OutputDirectory, "top_product.parquet");
        var ctr = engine.TopCtr(request.FilteredAdsViews, topCtr, TestContext.Current.CancellationToken);
        var product = engine.TopProduct(request.FilteredProductViews, topProduct, TestContext.Current.CancellationToken);
        return new EngineRun(filter, ctr, product, topCtr, topProduct, request.DailyAdvertisers);
    }

    /// <summary>A Parquet file's rows, each as its values joined by '|', in file order.</summary>
    public static List<string> Rows(string parquet)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet('{parquet}')";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join('|', values.Select(v => v switch
            {
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                double x => x.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            })));
        }

        return rows;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed record EngineRun(FilterResult Filter, ModelResult TopCtr, ModelResult TopProduct, string TopCtrPath, string TopProductPath, string DailyAdvertisersPath)
{
    public List<string> TopCtrRows => EngineScratch.Rows(TopCtrPath);

    public List<string> TopProductRows => EngineScratch.Rows(TopProductPath);

    public List<string> DailyAdvertiserRows => EngineScratch.Rows(DailyAdvertisersPath);
}
