using System.Text.Json.Nodes;
using Recommender.Scheduler.Pipeline.Engine;

namespace Recommender.Scheduler.Pipeline;

/// <summary>
/// The run record's <c>data_quality</c> document. Filter adds one object per dataset — rows read,
/// malformed rows and share, and per reason a count with up to 10 samples — and TopCTR adds the
/// products clicked without impressions.
/// </summary>
public static class DataQuality
{
    public static JsonObject FromFilter(FilterResult result, double maxBadShare)
    {
        var report = new JsonObject
        {
            ["rows_read"] = result.Datasets.Sum(d => d.RowsRead),
            ["bad_rows"] = result.Datasets.Sum(d => d.BadRows),
            ["max_bad_share"] = maxBadShare,
            ["active_advertisers"] = result.ActiveAdvertisers,
        };
        foreach (var scan in result.Datasets)
        {
            var reasons = new JsonObject();
            foreach (var reason in scan.Reasons)
            {
                reasons[reason.Reason] = new JsonObject
                {
                    ["count"] = reason.Count,
                    ["samples"] = new JsonArray([.. reason.Samples.Select(s => (JsonNode)new JsonObject
                    {
                        ["object"] = s.Object,
                        ["line"] = s.Line,
                        ["text"] = s.Text,
                    })]),
                };
            }

            report[scan.Dataset] = new JsonObject
            {
                ["rows_read"] = scan.RowsRead,
                ["rows_kept"] = scan.RowsKept,
                ["bad_rows"] = scan.BadRows,
                ["bad_share"] = Math.Round(scan.BadShare, 6),
                ["reasons"] = reasons,
            };
        }

        return report;
    }

    public static JsonObject FromTopCtr(ModelResult result) => new()
    {
        ["zero_impression_clicks"] = new JsonObject
        {
            ["products"] = result.ZeroImpressionProducts,
            ["samples"] = new JsonArray([.. (result.ZeroImpressionSamples ?? []).Select(z => (JsonNode)new JsonObject
            {
                ["advertiser_id"] = z.AdvertiserId,
                ["product_id"] = z.ProductId,
                ["clicks"] = z.Clicks,
            })]),
        },
    };

    /// <summary>The one-line reason a run fails when a dataset has too many malformed rows; null when none has.</summary>
    public static string? TooManyBadRows(FilterResult result, double maxBadShare)
    {
        var over = result.Datasets.Where(d => d.BadShare > maxBadShare).ToList();
        return over.Count == 0
            ? null
            : "too many malformed rows: " + string.Join("; ", over.Select(d =>
                $"{d.Dataset} {d.BadShare:P2} of {d.RowsRead:N0} rows (limit {maxBadShare:P2}): " +
                string.Join(", ", d.Reasons.Select(r => $"{r.Reason} {r.Count:N0}"))));
    }
}
