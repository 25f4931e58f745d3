using DuckDB.NET.Data;

namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>
/// The pipeline's computations on local files, in DuckDB: Filter, TopCTR and TopProduct. The steps
/// move files between S3 and disk around these; the benchmark and the unit tests call them directly.
/// </summary>
public sealed class PipelineEngine(EngineSettings settings)
{
    /// <summary>Longest CSV line accepted; longer ones are malformed rows ("overlong_field").</summary>
    private const int MaxLineSize = 1 << 16;

    public EngineSettings Settings => settings;

    /// <summary>The filter step: writes the filtered rows of both datasets and the daily advertiser totals.</summary>
    public FilterResult Filter(FilterRequest request, CancellationToken cancellationToken = default) =>
        Process(request, cancellationToken, (session, dataset) => session.Execute(Sql.Script("filtered", new Dictionary<string, string>
        {
            ["kept_rows"] = KeptRows(dataset),
            ["output"] = Sql.Text(request.FilteredPathOf(dataset)),
        })));

    /// <summary>
    /// Filter and both models in one session, without writing the filtered rows: the same SQL as the
    /// steps, for when no intermediate files are wanted (the engine benchmark).
    /// </summary>
    public (FilterResult Filter, ModelResult TopCtr, ModelResult TopProduct) FilterAndRank(
        FilterRequest request, string topCtrOutput, string topProductOutput, CancellationToken cancellationToken = default)
    {
        ModelResult? topCtr = null, topProduct = null;
        var filter = Process(request, cancellationToken, (session, dataset) =>
        {
            if (dataset == RawDataset.AdsViews)
            {
                topCtr = RankCtr(session, KeptRows(dataset), topCtrOutput);
            }
            else
            {
                topProduct = RankProducts(session, KeptRows(dataset), topProductOutput);
            }
        });
        return (filter, topCtr!, topProduct!);
    }

    public ModelResult TopCtr(string filteredAdsViews, string output, CancellationToken cancellationToken = default)
    {
        using var session = new DuckDbSession(settings, cancellationToken);
        return RankCtr(session, $"SELECT * FROM read_parquet({Sql.Text(filteredAdsViews)})", output);
    }

    public ModelResult TopProduct(string filteredProductViews, string output, CancellationToken cancellationToken = default)
    {
        using var session = new DuckDbSession(settings, cancellationToken);
        return RankProducts(session, $"SELECT * FROM read_parquet({Sql.Text(filteredProductViews)})", output);
    }

    /// <summary>
    /// Scans and classifies one dataset at a time (so only one is in memory), hands its kept rows to
    /// <paramref name="use"/>, then writes the daily advertiser totals.
    /// </summary>
    private FilterResult Process(FilterRequest request, CancellationToken cancellationToken, Action<DuckDbSession, RawDataset> use)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        using var session = new DuckDbSession(settings, cancellationToken);
        var keys = request.AdsViews.Concat(request.ProductViews).ToDictionary(f => f.Path, f => f.Key);

        session.Execute(Sql.Script("active_advertisers", new Dictionary<string, string> { ["file"] = Sql.Text(request.AdvertiserIdsPath) }));
        var active = session.Scalar<int>("SELECT count(*) FROM active");

        var scans = new Dictionary<RawDataset, DatasetScan>();
        foreach (var dataset in RawDataset.All)
        {
            var files = request.FilesOf(dataset);
            Guard(files, () => Scan(session, dataset, files, request));
            var scan = Summarise(session, dataset, request, files.Any(f => !f.IsParquet), keys);
            use(session, dataset);
            session.Execute(Sql.Script("totals", new Dictionary<string, string> { ["dataset"] = dataset.Name, ["kept_rows"] = KeptRows(dataset, withType: true) }));
            scans[dataset] = scan with { RowsKept = session.Scalar<long>($"SELECT CAST(coalesce(sum(events), 0) AS BIGINT) FROM totals_{dataset.Name}") };
            session.Execute($"DROP TABLE scanned_{dataset.Name}");
        }

        session.Execute(Sql.Script("daily_advertisers", new Dictionary<string, string>
        {
            ["first_date"] = Sql.Date(request.FirstDate),
            ["last_date"] = Sql.Date(request.LastDate),
            ["output"] = Sql.Text(request.DailyAdvertisers),
        }));

        return new FilterResult(active, scans[RawDataset.AdsViews], scans[RawDataset.ProductViews]);
    }

    /// <summary>The dataset's kept rows; product views have no type column unless <paramref name="withType"/> asks for an empty one.</summary>
    private static string KeptRows(RawDataset dataset, bool withType = false) => Sql.Script("kept_rows", new Dictionary<string, string>
    {
        ["dataset"] = dataset.Name,
        ["type_column"] = dataset.HasType || withType ? "type, " : "",
    }).TrimEnd().TrimEnd(';');

    private static ModelResult RankCtr(DuckDbSession session, string input, string output)
    {
        session.Execute(Sql.Script("top_ctr", new Dictionary<string, string> { ["input"] = input, ["output"] = Sql.Text(output) }));
        var zero = session.Query(
            Sql.Script("zero_impression_clicks", new Dictionary<string, string>()),
            r => (Total: r.GetInt64(0), Sample: new ZeroImpressionClick(DateOnly.FromDateTime(r.GetDateTime(1)), r.GetString(2), r.GetString(3), r.GetInt64(4))));
        return new ModelResult(
            session.Scalar<long>("SELECT CAST(coalesce(sum(clicks + impressions), 0) AS BIGINT) FROM ctr_counts"),
            RowCount(session, output),
            zero.Count == 0 ? 0 : zero[0].Total,
            [.. zero.Select(z => z.Sample)]);
    }

    private static ModelResult RankProducts(DuckDbSession session, string input, string output)
    {
        session.Execute(Sql.Script("top_product", new Dictionary<string, string> { ["input"] = input, ["output"] = Sql.Text(output) }));
        return new ModelResult(session.Scalar<long>($"SELECT count(*) FROM ({input})"), RowCount(session, output));
    }

    private static long RowCount(DuckDbSession session, string parquet) =>
        session.Scalar<long>($"SELECT count(*) FROM read_parquet({Sql.Text(parquet)})");

    private void Scan(DuckDbSession session, RawDataset dataset, IReadOnlyList<InputFile> files, FilterRequest request)
    {
        var sources = new List<string>();
        var type = dataset.HasType ? "type" : "CAST(NULL AS VARCHAR)";
        var csv = files.Where(f => !f.IsParquet).Select(f => f.Path).ToList();
        if (csv.Count > 0)
        {
            session.Execute(Sql.Script("scan_csv", new Dictionary<string, string>
            {
                ["view"] = $"csv_{dataset.Name}",
                ["type"] = type,
                ["files"] = Sql.TextList(csv),
                ["columns"] = dataset.CsvColumns,
                ["rejects_table"] = $"rejects_{dataset.Name}",
                ["rejects_scan"] = $"rejects_scan_{dataset.Name}",
                ["max_line_size"] = Sql.Number(MaxLineSize),
            }));
            sources.Add($"SELECT * FROM csv_{dataset.Name}");
        }

        var parquet = files.Where(f => f.IsParquet).Select(f => f.Path).ToList();
        if (parquet.Count > 0)
        {
            session.Execute(Sql.Script("scan_parquet", new Dictionary<string, string>
            {
                ["view"] = $"parquet_{dataset.Name}",
                ["type"] = type,
                ["files"] = Sql.TextList(parquet),
            }));
            sources.Add($"SELECT * FROM parquet_{dataset.Name}");
        }

        if (sources.Count == 0)
        {
            sources.Add("SELECT NULL::VARCHAR AS advertiser_id, NULL::VARCHAR AS product_id, NULL::VARCHAR AS type, NULL::VARCHAR AS date, NULL::VARCHAR AS filename WHERE false");
        }

        session.Execute(Sql.Script("classify", new Dictionary<string, string>
        {
            ["dataset"] = dataset.Name,
            ["source"] = string.Join(" UNION ALL ", sources),
            ["first_date"] = Sql.Date(request.FirstDate),
            ["last_date"] = Sql.Date(request.LastDate),
            ["has_type"] = dataset.HasType ? "true" : "false",
            ["max_field_length"] = Sql.Number(settings.MaxFieldLength),
        }));
    }

    private static DatasetScan Summarise(
        DuckDbSession session, RawDataset dataset, FilterRequest request, bool readCsv, IReadOnlyDictionary<string, string> keys)
    {
        var rejected = readCsv
            ? Sql.Script("rejected_rows", new Dictionary<string, string>
            {
                ["rejects_table"] = $"rejects_{dataset.Name}",
                ["rejects_scan"] = $"rejects_scan_{dataset.Name}",
                ["first_date"] = Sql.Date(request.FirstDate),
                ["last_date"] = Sql.Date(request.LastDate),
            })
            : "";
        var rows = session.Query(
            Sql.Script("bad_rows", new Dictionary<string, string> { ["dataset"] = dataset.Name, ["rejected"] = rejected }),
            r => (Reason: r.GetString(0), Total: r.GetInt64(1),
                  Sample: new BadRowSample(
                      r.IsDBNull(2) ? "" : keys.GetValueOrDefault(r.GetString(2), Path.GetFileName(r.GetString(2))),
                      r.IsDBNull(3) ? null : Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                      r.IsDBNull(4) ? "" : r.GetString(4))));

        var reasons = rows.GroupBy(r => r.Reason, StringComparer.Ordinal)
            .Select(g => new BadRowReason(g.Key, g.First().Total, [.. g.Select(r => r.Sample)]))
            .ToList();
        var badRows = reasons.Sum(r => r.Count);
        var rejectedRows = reasons.Sum(r => r.Count) - session.Scalar<long>($"SELECT count(*) FROM scanned_{dataset.Name} WHERE reason IS NOT NULL");
        var rowsRead = session.Scalar<long>($"SELECT count(*) FROM scanned_{dataset.Name}") + rejectedRows;
        return new DatasetScan(dataset.Name, rowsRead, badRows, 0, reasons);
    }

    /// <summary>Turns DuckDB's complaint about an unreadable file into a failure that names the object.</summary>
    private static void Guard(IReadOnlyList<InputFile> files, Action action)
    {
        try
        {
            action();
        }
        catch (DuckDBException ex)
        {
            var culprit = files.FirstOrDefault(f => ex.Message.Contains(f.Path, StringComparison.Ordinal));
            throw new PipelineFailure(
                culprit is null
                    ? $"unreadable input ({string.Join(", ", files.Select(f => f.Key))}): {FirstLine(ex.Message)}"
                    : $"corrupt object {culprit.Key}: {FirstLine(ex.Message.Replace(culprit.Path, culprit.Key, StringComparison.Ordinal))}",
                ex);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
