using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Recommender.Contracts;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Dashboard.Browser;

/// <summary>The business pages in a real browser against the whole stack with its published sample days.</summary>
public sealed class DashboardBrowserTests(StackFixture stack) : StackTest(stack)
{
    private DashboardBrowser _browser = null!;
    private IRecsApi _api = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Stack.WaitForSampleDaysPublishedAsync();
        _api = RecsApiClient.Create(Stack.CreateHttpClient("recsapi"));
        _browser = await DashboardBrowser.LaunchAsync(Stack.App.GetEndpoint("dashboard", "http"));
    }

    public override async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Every_page_shows_real_data_light_and_dark_without_errors_or_serious_accessibility_violations()
    {
        var advertiser = (await _api.GetAdvertisersAsync(pageSize: 1, cancellationToken: Token)).Items[0].AdvertiserId;
        var latest = (await _api.GetPublishedDatesAsync(Token))[0].Date.ToString("yyyy-MM-dd");
        var pages = new (string Name, string Path, string Shows)[]
        {
            ("overview", "", "#latest-date"),
            ("advertisers", "advertisers", "#advertisers-grid tbody tr >> nth=0"),
            ("advertiser", $"advertisers/{advertiser}", "[data-model='top_ctr'] tbody tr >> nth=0"),
            ("statistics", "statistics", "#histogram tbody tr >> nth=0"),
        };
        var violations = new List<string>();

        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await _browser.NewPageAsync(scheme);
            foreach (var (name, path, shows) in pages)
            {
                await _browser.OpenAsync(page, path);
                await Assertions.Expect(page.Locator(shows)).ToBeVisibleAsync();
                // The theme follows the system: MudBlazor writes the palette as CSS variables on :root.
                var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
                Assert.True(scheme == ColorScheme.Dark ? IsDark(background) : !IsDark(background), $"{name} {scheme}: body background {background}");
                violations.AddRange((await DashboardBrowser.SeriousViolationsAsync(page)).Select(v => $"{name} ({scheme}): {v}"));
                await DashboardBrowser.ScreenshotAsync(page, $"{name}-{scheme.ToString().ToLowerInvariant()}");
            }

            await page.Context.CloseAsync();
        }

        Assert.Contains(latest, await PageTextAsync("", "#latest-date"));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(_browser.Errors.Count == 0, string.Join("\n", _browser.Errors));
    }

    [Fact]
    public async Task Search_an_advertiser_open_it_change_date_and_model_and_download_the_csv()
    {
        var dates = (await _api.GetPublishedDatesAsync(Token)).Select(d => d.Date.ToString("yyyy-MM-dd")).ToList();
        // A seeded advertiser: the API tests publish and remove their own (APITEST…) on the same stack.
        // Most viewed first puts the seeded advertisers (a full sample day each) ahead of the fixtures' few rows.
        var target = (await _api.GetAdvertisersAsync(pageSize: 100, sort: "-" + AdvertiserSorts.Views, cancellationToken: Token)).Items
            .First(a => !a.AdvertiserId.StartsWith("APITEST", StringComparison.OrdinalIgnoreCase)).AdvertiserId;
        var page = await _browser.NewPageAsync();

        await _browser.OpenAsync(page, "advertisers");
        await page.FillAsync("#advertiser-search", target);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"q={Uri.EscapeDataString(target)}"));
        await Assertions.Expect(page.Locator("#advertisers-grid tbody tr")).ToHaveCountAsync(1);
        await page.Locator("#advertisers-grid tbody tr", new() { HasText = target }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/advertisers/{target}$"));
        await DashboardBrowser.WaitForDataAsync(page);
        await Assertions.Expect(page.Locator("#date-picker")).ToHaveValueAsync(dates[0]);

        // Another published date: the previous one, by its button.
        Assert.True(dates.Count >= 2, $"the sample stack publishes several days, found {dates.Count}");
        await page.ClickAsync("#previous-date");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"date={dates[1]}"));
        await DashboardBrowser.WaitForDataAsync(page);
        await Assertions.Expect(page.Locator("#date-picker")).ToHaveValueAsync(dates[1]);

        await page.Locator("#model-toggle").GetByText("top_product").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("model=top_product"));
        await Assertions.Expect(page.Locator("h2", new() { HasText = "published days · top_product" })).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-csv"));
        Assert.Equal($"{target}_{dates[1]}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!, Token);
        Assert.Equal(RecommendationsCsvHeader, csv[0]);
        var onScreen = await _api.GetRecommendationsAsync(target, ModelNames.TopCtr, dates[1], Token);
        Assert.StartsWith($"{target},{dates[1]},top_ctr,1,{onScreen.Products[0].ProductId},", csv[1]);

        // The address alone reproduces the view.
        var shared = await _browser.NewPageAsync();
        await shared.GotoAsync(page.Url);
        await DashboardBrowser.WaitForDataAsync(shared);
        await Assertions.Expect(shared.Locator("#date-picker")).ToHaveValueAsync(dates[1]);
        Assert.True(_browser.Errors.Count == 0, string.Join("\n", _browser.Errors));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string RecommendationsCsvHeader = "advertiser_id,date,model,rank,product_id,score,clicks,impressions,views";

    private async Task<string> PageTextAsync(string path, string selector)
    {
        var page = await _browser.NewPageAsync();
        await _browser.OpenAsync(page, path);
        var text = await page.Locator(selector).InnerTextAsync();
        await page.Context.CloseAsync();
        return text;
    }

    // "rgb(r, g, b)" with a mean channel below the midpoint.
    private static bool IsDark(string rgb)
    {
        var channels = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Take(3).Select(c => double.Parse(c.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        return channels.Average() < 128;
    }
}
