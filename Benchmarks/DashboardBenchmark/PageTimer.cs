using System.Diagnostics;
using Microsoft.Playwright;

namespace Recommender.Benchmarks.DashboardBenchmark;

/// <summary>Times pages in Chromium: from navigation until the app is interactive and every view shows its data.</summary>
internal static class PageTimer
{
    public const int Runs = 5;

    private static readonly HashSet<string> Reported = [];

    /// <summary>Median of <see cref="Runs"/> warm loads of <paramref name="url"/> (one load before them warms up).</summary>
    public static async Task<double> MedianLoadMsAsync(IBrowser browser, Uri url, string shows)
    {
        var timings = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            var page = await browser.NewPageAsync();
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            await WaitForDataAsync(page, shows);
            clock.Stop();
            if (run > 0)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }

            await page.CloseAsync();
        }

        return Median(timings);
    }

    /// <summary>Median of <see cref="Runs"/> clicks on the grid's next-page button until the new first row shows.</summary>
    public static async Task<double> MedianGridPageChangeMsAsync(IBrowser browser, Uri url)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url.ToString());
        await WaitForDataAsync(page, "#advertisers-grid tbody tr >> nth=0");
        var timings = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            var firstRow = page.Locator("#advertisers-grid tbody tr").First;
            var before = await firstRow.InnerTextAsync();
            var clock = Stopwatch.StartNew();
            await page.Locator("#advertisers-grid button[aria-label='Next page']").ClickAsync();
            await page.WaitForFunctionAsync(
                "before => { const row = document.querySelector('#advertisers-grid tbody tr'); return row && row.innerText !== before; }", before);
            clock.Stop();
            if (run > 0)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        await page.CloseAsync();
        return Median(timings);
    }

    private static async Task WaitForDataAsync(IPage page, string shows)
    {
        await page.Locator("[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator(shows).WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll(\"[data-state='loading']\").length === 0");
        var failed = await page.Locator("[data-state='failed']").CountAsync();
        if (failed > 0 && Reported.Add(page.Url))
        {
            Console.WriteLine($"warning: {page.Url} shows {failed} view(s) in the error state");
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
