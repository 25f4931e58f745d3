using Recommender.Contracts;

namespace Recommender.Dashboard.Advertisers;

/// <summary>
/// Everything the advertiser page shows for one date: both models' lists, the published dates (for the
/// picker), the previous date's lists (for what changed) and the retained history.
/// </summary>
public sealed record AdvertiserView(
    string AdvertiserId,
    DateOnly Date,
    IReadOnlyList<DateOnly> PublishedDates,
    IReadOnlyList<RecommendedProduct> TopCtr,
    IReadOnlyList<RecommendedProduct> TopProduct,
    DateOnly? PreviousDate,
    IReadOnlyList<RecommendedProduct> PreviousTopCtr,
    IReadOnlyList<RecommendedProduct> PreviousTopProduct,
    HistoryResponse History)
{
    public const int HistoryDays = 7;

    /// <summary>Reads the view of <paramref name="advertiserId"/> on <paramref name="date"/> (the latest published date when null).</summary>
    public static async Task<AdvertiserView> LoadAsync(IRecsApi api, string advertiserId, DateOnly? date, CancellationToken cancellationToken)
    {
        var datesCall = api.GetPublishedDatesAsync(cancellationToken);
        var ctrCall = ListOnAsync(api, advertiserId, ModelNames.TopCtr, date, cancellationToken);
        var productCall = ListOnAsync(api, advertiserId, ModelNames.TopProduct, date, cancellationToken);
        var historyCall = api.GetHistoryAsync(advertiserId, HistoryDays, cancellationToken);
        await Task.WhenAll(datesCall, ctrCall, productCall, historyCall);

        var shown = ctrCall.Result.Date;
        var dates = datesCall.Result.Select(p => p.Date).OrderDescending().ToList();
        var previous = dates.Where(p => p < shown).Cast<DateOnly?>().FirstOrDefault();
        IReadOnlyList<RecommendedProduct> previousCtr = [], previousProduct = [];
        if (previous is { } before)
        {
            var previousDay = before.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var fromHistory = historyCall.Result.Days.FirstOrDefault(h => h.Date == before);
            if (fromHistory is not null)
            {
                (previousCtr, previousProduct) = (fromHistory.TopCtr, fromHistory.TopProduct);
            }
            else
            {
                var previousCtrCall = PreviousOrEmptyAsync(api, advertiserId, ModelNames.TopCtr, previousDay, cancellationToken);
                var previousProductCall = PreviousOrEmptyAsync(api, advertiserId, ModelNames.TopProduct, previousDay, cancellationToken);
                await Task.WhenAll(previousCtrCall, previousProductCall);
                (previousCtr, previousProduct) = (previousCtrCall.Result, previousProductCall.Result);
            }
        }

        return new AdvertiserView(advertiserId, shown, dates, ctrCall.Result.Products, productCall.Result.Products,
            previous, previousCtr, previousProduct, historyCall.Result);
    }

    // On a chosen date an advertiser that was not active then has no lists: shown empty, not as an error.
    // Without a date (the latest) a 404 means the advertiser is unknown, which the page reports.
    private static async Task<RecommendationsResponse> ListOnAsync(
        IRecsApi api, string advertiserId, string model, DateOnly? date, CancellationToken cancellationToken)
    {
        var day = date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            return await api.GetRecommendationsAsync(advertiserId, model, day, cancellationToken);
        }
        catch (Refit.ApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound && date is { } chosen)
        {
            return new RecommendationsResponse(advertiserId, model, chosen, []);
        }
    }

    // An advertiser new on the shown date had no list the day before: everything is new.
    private static async Task<IReadOnlyList<RecommendedProduct>> PreviousOrEmptyAsync(
        IRecsApi api, string advertiserId, string model, string date, CancellationToken cancellationToken)
    {
        try
        {
            return (await api.GetRecommendationsAsync(advertiserId, model, date, cancellationToken)).Products;
        }
        catch (Refit.ApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    public IReadOnlyList<RecommendedProduct> Products(string model) => model == ModelNames.TopCtr ? TopCtr : TopProduct;

    public IReadOnlyList<ProductChange> Changes(string model) =>
        ProductChange.Between(model == ModelNames.TopCtr ? PreviousTopCtr : PreviousTopProduct, Products(model));

    /// <summary>Products in both models' lists on the shown date.</summary>
    public IReadOnlyList<string> SharedProducts =>
        TopCtr.Select(p => p.ProductId).Intersect(TopProduct.Select(p => p.ProductId), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Shared products as a share of the longer list, in percent.</summary>
    public double OverlapPercent => Math.Max(TopCtr.Count, TopProduct.Count) is var longest and > 0 ? 100.0 * SharedProducts.Count / longest : 0;

    /// <summary>The retained days oldest first, with each product's rank per day in one model.</summary>
    public HistoryGrid HistoryOf(string model) => HistoryGrid.Of(History, model);
}
