using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Dashboard.Browser;

/// <summary>
/// A real Chromium on the whole stack's Dashboard: opens pages, waits until they are interactive and
/// their data shows, and records every console error, page error and failed Blazor circuit.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    /// <summary>Where screenshots go: TestResults/screenshots beside the test assembly.</summary>
    public static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _dashboard;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, Uri dashboard) =>
        (_playwright, _browser, _dashboard) = (playwright, browser, dashboard);

    public List<string> Errors { get; } = [];

    public static async Task<DashboardBrowser> LaunchAsync(Uri dashboard)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        return new DashboardBrowser(playwright, browser, dashboard);
    }

    public async Task<IPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"console: {message.Text} {message.Location}");
            }
        };
        page.PageError += (_, error) => Errors.Add($"page: {error}");
        return page;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the app is interactive and no view is still loading.</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(_dashboard, path).ToString());
        await WaitForDataAsync(page);
    }

    public static async Task WaitForDataAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-view]").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("[data-state='loading']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-state='failed']")).ToHaveCountAsync(0);
    }

    /// <summary>The page's serious and critical accessibility violations, one line each.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        return results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))})")
            .ToList();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
