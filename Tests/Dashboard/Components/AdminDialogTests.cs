using Bunit;
using MudBlazor;
using Recommender.Contracts;
using Recommender.Dashboard.Components.Pages;

namespace Recommender.Tests.Dashboard.Components;

public sealed class AdminDialogTests : DashboardComponentTest
{
    private static readonly DateOnly Yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    [Fact]
    public void A_backfill_shows_its_dry_run_before_it_queues()
    {
        SignInAsAdmin();
        Api.WithPublishedDays(advertisers: 2, days: 3);
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderPage<Runs>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#backfill")));
        page.Find("#backfill").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#backfill-preview")));
        dialogs.Find("#backfill-preview").Click();

        dialogs.WaitForAssertion(() => Assert.Equal(7, dialogs.FindAll("[data-backfill-preview] tbody tr").Count));
        Assert.Equal(3, dialogs.FindAll($"[data-decision='{BackfillDecisions.SkipPublished}']").Count);
        Assert.Empty(Api.Runs);
        dialogs.Find("#backfill-confirm").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("queued 4 new runs", snackbars.Markup));
        Assert.Equal(4, Api.Runs.Count);
        var from = Yesterday.AddDays(-6).ToString("yyyy-MM-dd");
        var to = Yesterday.ToString("yyyy-MM-dd");
        Assert.Equal([$"backfill-dry-run:{from}..{to}/missing by dashboard:admin", $"backfill:{from}..{to}/missing by dashboard:admin"], Api.AdminCalls);
    }

    [Fact]
    public void Running_a_date_queues_it_and_says_which_run()
    {
        SignInAsAdmin();
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderPage<Runs>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#run-date")));
        page.Find("#run-date").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#run-date-confirm")));
        dialogs.Find("#run-date-confirm").Click();

        snackbars.WaitForAssertion(() => Assert.Contains($"Queued run #1 for {Yesterday:yyyy-MM-dd}", snackbars.Markup));
        Assert.Equal([$"queue:{Yesterday:yyyy-MM-dd} by dashboard:admin"], Api.AdminCalls);
    }

    [Fact]
    public void The_admin_page_offers_the_actions_to_an_admin()
    {
        SignInAsAdmin();

        var page = RenderPage<AdminPage>();

        Assert.NotNull(page.Find("#run-date"));
        Assert.NotNull(page.Find("#backfill"));
    }

    [Fact]
    public void The_sign_in_page_posts_a_plain_form_with_an_antiforgery_token()
    {
        NavigateTo("/signin?returnUrl=%2Fruns&failed=true");

        var page = RenderPage<SignIn>();

        var form = page.Find("form#sign-in-form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/signin", form.GetAttribute("action"));
        Assert.Equal("test-token", form.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value"));
        Assert.Equal("/runs", form.QuerySelector("input[name='returnUrl']")?.GetAttribute("value"));
        Assert.NotNull(page.Find("[data-sign-in-failed]"));
    }
}
