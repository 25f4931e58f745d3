using System.Net;
using Bunit;
using Recommender.Contracts;
using Recommender.Dashboard.Components.Pages;

namespace Recommender.Tests.Dashboard.Components;

public sealed class AdvertiserTests : DashboardComponentTest
{
    private IRenderedComponent<Advertiser> RenderAdvertiser(string id, string? date = null, string? model = null)
    {
        NavigateTo($"/advertisers/{id}?date={date}&model={model}");
        return RenderPage<Advertiser>(p => p.Add(a => a.AdvertiserId, id));
    }

    [Fact]
    public void Shows_a_skeleton_while_loading()
    {
        Api.WithPublishedDays(advertisers: 2, days: 3);
        Api.Hold();

        var page = RenderAdvertiser("adv-0001");

        Assert.NotNull(page.Find("[data-view='advertiser'][data-state='loading'] [data-skeleton='table']"));
        Api.Release();
        WaitForState(page, "advertiser", "ready");
    }

    [Fact]
    public void Shows_both_models_with_evidence_changes_history_and_overlap()
    {
        Api.WithPublishedDays(advertisers: 2, days: 3);
        var latest = Api.Days[0].Date;

        var page = RenderAdvertiser("adv-0001");

        WaitForState(page, "advertiser", "ready");
        Assert.Equal(20, page.FindAll("[data-model='top_ctr'] tbody tr").Count);
        Assert.Equal(20, page.FindAll("[data-model='top_product'] tbody tr").Count);
        Assert.Contains("50 / 100 clicks/impr.", page.Find("[data-model='top_ctr'] tbody tr").TextContent);
        Assert.Contains("500 views", page.Find("[data-model='top_product'] tbody tr").TextContent);
        Assert.Equal(latest.ToString("yyyy-MM-dd"), page.Find("#date-picker").GetAttribute("value"));
        // The fake shifts top_ctr by one product a day: one enters, one leaves, the rest move up.
        Assert.Single(page.FindAll("#changes [data-change='new']"));
        Assert.Single(page.FindAll("#changes [data-change='dropped']"));
        Assert.Equal(3, page.FindAll("#history thead th").Count - 1);
        Assert.Contains("products are in both lists", page.Find("#overlap").TextContent);
    }

    [Fact]
    public void Date_and_model_come_from_the_address()
    {
        Api.WithPublishedDays(advertisers: 2, days: 3);
        var oldest = Api.Days[^1].Date;

        var page = RenderAdvertiser("adv-0000", oldest.ToString("yyyy-MM-dd"), ModelNames.TopProduct);

        WaitForState(page, "advertiser", "ready");
        Assert.Equal(oldest.ToString("yyyy-MM-dd"), page.Find("#date-picker").GetAttribute("value"));
        Assert.Contains("nothing to compare with", page.Markup);
        Assert.Contains("top_product", page.Find("h2:contains('published days')").TextContent);
        Assert.True(page.Find("#previous-date").HasAttribute("disabled"));
        Assert.False(page.Find("#next-date").HasAttribute("disabled"));
    }

    [Fact]
    public void Download_builds_the_csv_of_what_is_on_screen()
    {
        Api.WithPublishedDays(advertisers: 1, days: 1);
        var download = JSInterop.SetupVoid("dashboard.download", _ => true);

        var page = RenderAdvertiser("adv-0000");
        WaitForState(page, "advertiser", "ready");
        page.Find("#download-csv").Click();

        var call = Assert.Single(download.Invocations);
        Assert.Equal($"adv-0000_{Api.Days[0].Date:yyyy-MM-dd}.csv", call.Arguments[0]);
        var lines = ((string)call.Arguments[2]!).TrimEnd('\n').Split('\n');
        Assert.Equal("advertiser_id,date,model,rank,product_id,score,clicks,impressions,views", lines[0]);
        Assert.Equal(41, lines.Length);
        Assert.StartsWith($"adv-0000,{Api.Days[0].Date:yyyy-MM-dd},top_ctr,1,", lines[1]);
    }

    [Fact]
    public void Says_nothing_is_published_before_the_first_run()
    {
        var page = RenderAdvertiser("adv-0000");

        WaitForState(page, "advertiser", "empty");
        Assert.Contains("Nothing published yet — run the pipeline.", page.Markup);
    }

    [Fact]
    public void An_unknown_advertiser_is_explained_not_thrown()
    {
        Api.WithPublishedDays(advertisers: 1, days: 1);

        var page = RenderAdvertiser("nobody");

        WaitForState(page, "advertiser", "failed");
        Assert.Contains("Unknown advertiser", page.Find("[data-error]").TextContent);
    }

    [Fact]
    public async Task Api_error_shows_an_error_with_retry()
    {
        Api.WithPublishedDays(advertisers: 1, days: 1);
        Api.Failure = await FakeRecsApi.ProblemAsync(HttpStatusCode.ServiceUnavailable, "Database unavailable", "down");

        var page = RenderAdvertiser("adv-0000");

        WaitForState(page, "advertiser", "failed");
        Api.Failure = null;
        page.Find("[data-retry]").Click();
        WaitForState(page, "advertiser", "ready");
    }
}
