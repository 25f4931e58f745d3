using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Dashboard;

public sealed class DashboardPageTests(StackFixture stack) : StackTest(stack)
{
    [Fact]
    public async Task Home_page_renders_in_a_real_browser_and_goes_interactive()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(Stack.App.GetEndpoint("dashboard", "http").ToString());

        await Assertions.Expect(page.Locator("[data-interactive='true']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await Assertions.Expect(page).ToHaveTitleAsync("Overview · Recommender");
        // MudBlazor's stylesheet loaded: the app bar is laid out as a fixed header.
        await Assertions.Expect(page.Locator(".mud-appbar")).ToHaveCSSAsync("position", "fixed");
        Assert.Empty(errors);
    }
}
