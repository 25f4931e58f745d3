using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Pipeline.Reliability;

/// <summary>
/// Before Publish, compares the day with the last published days: a day whose dataset rows fall below
/// <c>Pipeline:MinRowShare</c> of their median, or whose advertisers with recommendations drop by more
/// than that share, is held unless the run was queued with <c>accept_volume</c>. The verdict and its
/// figures go to the run's data quality (<c>volume</c>).
/// </summary>
public sealed class VolumeGuard(NpgsqlDataSource dataSource, RunLedger ledger, IOptions<PipelineOptions> options, ILogger<VolumeGuard> logger)
{
    public const int DaysCompared = 7;
    public const int MinPublishedDays = 3;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Records the verdict; throws <see cref="VolumeHeld"/> when the day must not be published.</summary>
    public async Task<VolumeCheck> CheckAsync(long runId, DateOnly date, int advertisers, CancellationToken cancellationToken)
    {
        var check = await JudgeAsync(runId, date, advertisers, cancellationToken);
        await ledger.AddDataQualityAsync(runId, new JsonObject { ["volume"] = JsonSerializer.SerializeToNode(check, Json) }, cancellationToken);
        logger.Log(check.Verdict == VolumeVerdicts.Passed ? LogLevel.Information : LogLevel.Warning, "Run {RunId}: {Message}", runId, check.Message);
        return check.Verdict == VolumeVerdicts.Held ? throw new VolumeHeld(check) : check;
    }

    private async Task<VolumeCheck> JudgeAsync(long runId, DateOnly date, int advertisers, CancellationToken cancellationToken)
    {
        var share = options.Value.MinRowShare;
        var (adsViews, productViews, accepted) = await ThisRunAsync(runId, cancellationToken);
        var (days, adsMedian, viewsMedian, advertisersMedian) = await HistoryAsync(date, cancellationToken);
        if (days < MinPublishedDays)
        {
            return new VolumeCheck(
                VolumeVerdicts.Skipped,
                $"volume check skipped: {days} published day(s) to compare with, it needs {MinPublishedDays}",
                share, days, adsViews, adsMedian, productViews, viewsMedian, advertisers, advertisersMedian);
        }

        var findings = new List<string>();
        Rows("ads_views", adsViews, adsMedian);
        Rows("product_views", productViews, viewsMedian);
        if (advertisersMedian is { } median && advertisers < (1 - share) * median)
        {
            findings.Add($"{advertisers} advertisers with recommendations, down more than {share:P0} from the median {median:N1}");
        }

        var figures = $"ads_views {adsViews:N0} rows (median {adsMedian:N1}), product_views {productViews:N0} rows (median {viewsMedian:N1}), " +
            $"{advertisers} advertisers with recommendations (median {advertisersMedian:N1}) over the last {days} published days";
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (verdict, message) = (findings.Count, accepted) switch
        {
            (0, _) => (VolumeVerdicts.Passed, $"volume check passed: {figures}"),
            (_, true) => (VolumeVerdicts.Accepted, $"volume check accepted by the operator: {string.Join("; ", findings)}"),
            _ => (VolumeVerdicts.Held,
                $"held by the volume guard: {string.Join("; ", findings)} (last {days} published days); " +
                $"nothing was published; if the day is right, publish it with: run --date {day} --accept-volume"),
        };
        return new VolumeCheck(verdict, message, share, days, adsViews, adsMedian, productViews, viewsMedian, advertisers, advertisersMedian);

        void Rows(string dataset, long? rows, double? median)
        {
            if (rows is { } r && median is { } m && r < share * m)
            {
                findings.Add($"{dataset} has {r:N0} rows, below {share:P0} of the median {m:N1}");
            }
        }
    }

    private async Task<(long? AdsViews, long? ProductViews, bool Accepted)> ThisRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (data_quality -> 'ads_views' ->> 'rows_read')::bigint AS ads_views,
                   (data_quality -> 'product_views' ->> 'rows_read')::bigint AS product_views,
                   coalesce((parameters ->> 'accept_volume')::boolean, false) AS accepted
            FROM pipeline_runs WHERE id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (NullableLong(reader, "ads_views"), NullableLong(reader, "product_views"), reader.GetBoolean(reader.GetOrdinal("accepted")));
    }

    /// <summary>The medians over the last published days other than <paramref name="date"/>.</summary>
    private async Task<(int Days, double? AdsViews, double? ProductViews, double? Advertisers)> HistoryAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*)::int AS days,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY (r.data_quality -> 'ads_views' ->> 'rows_read')::bigint) AS ads_views,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY (r.data_quality -> 'product_views' ->> 'rows_read')::bigint) AS product_views,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY a.advertisers) AS advertisers
            FROM (SELECT date, run_id FROM published_dates WHERE date <> $1 ORDER BY date DESC LIMIT $2) AS d
            LEFT JOIN pipeline_runs AS r ON r.id = d.run_id
            CROSS JOIN LATERAL (
                SELECT count(*) AS advertisers
                FROM (SELECT advertiser_id FROM top_ctr WHERE date = d.date UNION SELECT advertiser_id FROM top_product WHERE date = d.date) AS u
            ) AS a
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = date });
        command.Parameters.Add(new NpgsqlParameter { Value = DaysCompared });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(reader.GetOrdinal("days")), NullableDouble(reader, "ads_views"), NullableDouble(reader, "product_views"), NullableDouble(reader, "advertisers"));
    }

    private static long? NullableLong(NpgsqlDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt64(reader.GetOrdinal(column));

    private static double? NullableDouble(NpgsqlDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetDouble(reader.GetOrdinal(column));
}
