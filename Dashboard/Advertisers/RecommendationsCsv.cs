using System.Globalization;
using System.Text;
using Recommender.Contracts;

namespace Recommender.Dashboard.Advertisers;

/// <summary>The advertiser page's lists as CSV: one row per model and rank, with each product's evidence.</summary>
public static class RecommendationsCsv
{
    public const string Header = "advertiser_id,date,model,rank,product_id,score,clicks,impressions,views";

    public static string FileName(AdvertiserView view) => $"{Safe(view.AdvertiserId)}_{view.Date:yyyy-MM-dd}.csv";

    public static string Build(AdvertiserView view)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var model in ModelNames.All)
        {
            foreach (var product in view.Products(model))
            {
                csv.Append(Field(view.AdvertiserId)).Append(',')
                    .Append(view.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                    .Append(model).Append(',')
                    .Append(product.Rank.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(Field(product.ProductId)).Append(',')
                    .Append(product.Score.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(product.Clicks?.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(product.Impressions?.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(product.Views?.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return csv.ToString();
    }

    // RFC 4180 quoting, and a leading formula character neutralised so a spreadsheet does not run it.
    private static string Field(string value)
    {
        var text = value.Length > 0 && "=+-@".Contains(value[0]) ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }

    private static string Safe(string value) => string.Concat(value.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
