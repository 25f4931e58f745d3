using Bunit;
using Microsoft.AspNetCore.Components;
using Recommender.Dashboard.Components.Layout;

namespace Recommender.Tests.Dashboard.Components;

public sealed class MainLayoutTests : DashboardComponentTest
{
    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"body\">page</p>"))));

    [Fact]
    public void Navigation_links_every_area()
    {
        var layout = RenderLayout();

        var links = layout.FindAll("nav a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Overview", ""), links);
        Assert.Contains(("Advertisers", "advertisers"), links);
        Assert.Contains(("Statistics", "statistics"), links);
        Assert.Contains(("Runs", "runs"), links);
        Assert.NotNull(layout.Find("#body"));
    }

    [Fact]
    public void Follows_a_dark_system_theme_and_the_toggle_switches_it()
    {
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.NotNull(layout.Find("[data-interactive='true']")));
        layout.WaitForAssertion(() => Assert.Equal("Switch to light theme", layout.Find("#theme-toggle").GetAttribute("aria-label")));
        layout.Find("#theme-toggle").Click();
        layout.WaitForAssertion(() => Assert.Equal("Switch to dark theme", layout.Find("#theme-toggle").GetAttribute("aria-label")));
    }
}
