namespace Recommender.Dashboard.Components.Shared;

/// <summary>Addresses of an advertiser's page, with its date and model in the query string.</summary>
public static class AdvertiserLinks
{
    public static string Page(string advertiserId, DateOnly? date = null, string? model = null)
    {
        var query = new List<string>();
        if (date is { } day)
        {
            query.Add($"date={DisplayFormats.Date(day)}");
        }

        if (model is not null)
        {
            query.Add($"model={Uri.EscapeDataString(model)}");
        }

        var path = $"advertisers/{Uri.EscapeDataString(advertiserId)}";
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }
}
