using DuckDB.NET.Data;
using Recommender.Scheduler.Pipeline.Engine.Csv;

namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>
/// The pipeline's computations on local files: Filter, TopCTR and TopProduct. CSV is read by the
/// CSV digest (all threads, one pass, events summed per product as they are read), Parquet by
/// DuckDB; from there on everything is DuckDB SQL over the summed events. The steps move files
/// between S3 and disk around these; the benchmark and the unit tests call them directly.
/// </summary>
public sealed class PipelineEngine(EngineSettings settings)
{
    /// <summary>Longest CSV line accepted; longer ones are malformed rows ("overlong_field").</summary>
    private const int MaxLineSize = 1 << 16;

    private const string NoEvents =
        "SELECT NULL::DATE AS date, NULL::VARCHAR AS advertiser_id, NULL::VARCHAR AS product_id, 0::BIGINT AS first, 0::BIGINT AS second WHERE false";

    public EngineSettings Settings => settings;

    /// <summary>The filter step: writes the filtered events of both datasets and the daily advertiser totals.</summary>
    public FilterResult Filter(FilterRequest request, CancellationToken cancellationToken = default) =>
        Process(request, cancellationToken, (session, dataset) => session.Execute(Sql.Script("filtered", new Dictionary<string, string>
        {
            ["dataset"] = dataset.Name,
            ["output"] = Sql.Text(request.FilteredPathOf(dataset)),
        })));

    /// <summary>
    /// Filter and both models in one session, without writing the filtered files: the same SQL as the
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
                topCtr = RankCtr(session, $"SELECT * FROM compact_{dataset.Name}", topCtrOutput);
            }
            else
            {
                topProduct = RankProducts(session, $"SELECT * FROM compact_{dataset.Name}", topProductOutput);
            }
        });
        return (filter, topCtr!, topProduct!);
    }

    /// <param name="follow">Given, while the ranking runs, a probe of the running statement's share done (0..1), and null when it ends.</param>
    public ModelResult TopCtr(string filteredAdsViews, string output, CancellationToken cancellationToken = default, Action<Func<double>?>? follow = null) =>
        Rank(filteredAdsViews, follow, cancellationToken, (session, input) => RankCtr(session, input, output));

    /// <param name="follow">As for <see cref="TopCtr"/>.</param>
    public ModelResult TopProduct(string filteredProductViews, string output, CancellationToken cancellationToken = default, Action<Func<double>?>? follow = null) =>
        Rank(filteredProductViews, follow, cancellationToken, (session, input) => RankProducts(session, input, output));

    /// <summary>Rows in a Parquet file, from its footer.</summary>
    public long ParquetRows(string parquet, CancellationToken cancellationToken = default)
    {
        using var session = new DuckDbSession(settings with { Threads = 1 }, cancellationToken);
        return RowCount(session, parquet);
    }

    private ModelResult Rank(string filtered, Action<Func<double>?>? follow, CancellationToken cancellationToken, Func<DuckDbSession, string, ModelResult> rank)
    {
        using var session = new DuckDbSession(settings, cancellationToken, trackProgress: follow is not null);
        follow?.Invoke(session.RunningShare);
        try
        {
            return rank(session, $"SELECT * FROM read_parquet({Sql.Text(filtered)})");
        }
        finally
        {
            follow?.Invoke(null);
        }
    }

    /// <summary>
    /// Reads and classifies one dataset at a time into its summed events, hands them to
    /// <paramref name="use"/>, then writes the daily advertiser totals.
    /// </summary>
    private FilterResult Process(FilterRequest request, CancellationToken cancellationToken, Action<DuckDbSession, RawDataset> use)
    {
        InputShape.Check(request);
        Directory.CreateDirectory(request.OutputDirectory);
        using var session = new DuckDbSession(settings, cancellationToken);

        session.Execute(Sql.Script("active_advertisers", new Dictionary<string, string> { ["file"] = Sql.Text(request.AdvertiserIdsPath) }));
        var active = session.Query("SELECT advertiser_id FROM active ORDER BY advertiser_id", r => r.GetString(0));

        var scans = new Dictionary<RawDataset, DatasetScan>();
        foreach (var dataset in RawDataset.All)
        {
            var files = request.FilesOf(dataset);
            scans[dataset] = Guard(files, () => Summarise(session, dataset, files, request, active, cancellationToken));
            use(session, dataset);
        }

        session.Execute(Sql.Script("daily_advertisers", new Dictionary<string, string>
        {
            ["first_date"] = Sql.Date(request.FirstDate),
            ["last_date"] = Sql.Date(request.LastDate),
            ["output"] = Sql.Text(request.DailyAdvertisers),
        }));

        return new FilterResult(active.Count, scans[RawDataset.AdsViews], scans[RawDataset.ProductViews]);
    }

    /// <summary>Builds the dataset's table of summed kept events (compact_&lt;dataset&gt;) and says what was read.</summary>
    private DatasetScan Summarise(
        DuckDbSession session, RawDataset dataset, IReadOnlyList<InputFile> files, FilterRequest request, List<string> active,
        CancellationToken cancellationToken)
    {
        var sources = new List<string>();
        var keysUnique = true;
        var rowsRead = 0L;
        var reasons = new List<BadRowReason>();

        var csv = files.Where(f => !f.IsParquet).ToList();
        if (csv.Count > 0)
        {
            var rules = new CsvRowRules(dataset, active, request.FirstDate, request.LastDate, settings.MaxFieldLength, MaxLineSize);
            var digest = CsvDigester.Digest(
                csv, rules, settings.Threads, settings.ResolveDigestKeysPerThread(), Path.Combine(session.ScratchDirectory, $"parts-{dataset.Name}"),
                cancellationToken, request.BytesRead);
            keysUnique = digest.KeysUnique;
            rowsRead += digest.RowsRead;
            reasons.AddRange(digest.Reasons);
            if (digest.Parts.Count > 0)
            {
                sources.Add(Sql.Script("csv_parts", new Dictionary<string, string> { ["parts"] = Sql.TextList(digest.Parts) }).TrimEnd());
            }
        }

        var parquet = files.Where(f => f.IsParquet).ToList();
        if (parquet.Count > 0)
        {
            foreach (var file in parquet)
            {
                InputShape.CheckParquetColumns(session, file, dataset);
            }

            var keys = parquet.ToDictionary(f => f.Path, f => f.Key);
            session.Execute(Sql.Script("digest_parquet", new Dictionary<string, string>
            {
                ["dataset"] = dataset.Name,
                ["type"] = dataset.HasType ? "CAST(type AS VARCHAR)" : "CAST(NULL AS VARCHAR)",
                ["files"] = Sql.TextList(parquet.Select(f => f.Path)),
                ["first_date"] = Sql.Date(request.FirstDate),
                ["last_date"] = Sql.Date(request.LastDate),
                ["has_type"] = dataset.HasType ? "true" : "false",
                ["max_field_length"] = Sql.Number(settings.MaxFieldLength),
            }));
            rowsRead += session.Scalar<long>(Sql.Script("parquet_summary", new Dictionary<string, string> { ["dataset"] = dataset.Name }));
            var bad = session.Query(
                Sql.Script("parquet_bad_rows", new Dictionary<string, string> { ["dataset"] = dataset.Name }),
                r => (Reason: r.GetString(0), Total: r.GetInt64(1), Sample: new BadRowSample(keys.GetValueOrDefault(r.GetString(2), Path.GetFileName(r.GetString(2))), null, r.GetString(3))));
            reasons.AddRange(bad.GroupBy(b => b.Reason, StringComparer.Ordinal)
                .Select(g => new BadRowReason(g.Key, g.First().Total, [.. g.Select(b => b.Sample)])));
            sources.Add(Sql.Script("parquet_kept", new Dictionary<string, string> { ["dataset"] = dataset.Name }).TrimEnd());
            request.BytesRead?.Invoke(parquet.Sum(f => new FileInfo(f.Path).Length));
        }

        // Each source has every key once unless the CSV digest spilled; several sources can share keys.
        var mustSum = sources.Count > 1 || !keysUnique;
        session.Execute(Sql.Script("compact", new Dictionary<string, string>
        {
            ["dataset"] = dataset.Name,
            ["sums"] = (dataset.HasType, mustSum) switch
            {
                (true, true) => "CAST(sum(first) AS BIGINT) AS impressions, CAST(sum(second) AS BIGINT) AS clicks",
                (true, false) => "CAST(first AS BIGINT) AS impressions, CAST(second AS BIGINT) AS clicks",
                (false, true) => "CAST(sum(first) AS BIGINT) AS views",
                (false, false) => "CAST(first AS BIGINT) AS views",
            },
            ["sources"] = string.Join(" UNION ALL ", sources.DefaultIfEmpty(NoEvents).Select(s => $"({s})")),
            ["group_by"] = mustSum ? "GROUP BY date, advertiser_id, product_id" : "",
        }));

        var merged = MergeReasons(reasons);
        var rowsKept = session.Scalar<long>(dataset.HasType
            ? $"SELECT CAST(coalesce(sum(impressions + clicks), 0) AS BIGINT) FROM compact_{dataset.Name}"
            : $"SELECT CAST(coalesce(sum(views), 0) AS BIGINT) FROM compact_{dataset.Name}");
        return new DatasetScan(dataset.Name, rowsRead, merged.Sum(r => r.Count), rowsKept, merged);
    }

    /// <summary>One entry per reason when CSV and Parquet both had some: counts added, first samples kept.</summary>
    private static List<BadRowReason> MergeReasons(List<BadRowReason> reasons) =>
        [.. reasons.GroupBy(r => r.Reason, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BadRowReason(
                g.Key,
                g.Sum(r => r.Count),
                [.. g.SelectMany(r => r.Samples)
                    .OrderBy(s => s.Object, StringComparer.Ordinal)
                    .ThenBy(s => s.Line ?? long.MaxValue)
                    .Take(BadRowReasons.SamplesPerReason)]))];

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
        return new ModelResult(session.Scalar<long>($"SELECT CAST(coalesce(sum(views), 0) AS BIGINT) FROM ({input})"), RowCount(session, output));
    }

    private static long RowCount(DuckDbSession session, string parquet) =>
        session.Scalar<long>($"SELECT count(*) FROM read_parquet({Sql.Text(parquet)})");

    /// <summary>Turns DuckDB's complaint about an unreadable file into a failure that names the object.</summary>
    private static T Guard<T>(IReadOnlyList<InputFile> files, Func<T> action)
    {
        try
        {
            return action();
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
