using System.Net;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Recommender.Contracts;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Dashboard.Browser;

/// <summary>
/// The Runs pages and the admin's actions in a real browser against the whole stack and its Scheduler.
/// The admin queues and publishes a date of the stack's own database, so these run with the other
/// tests that publish there.
/// </summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class DashboardOperationsBrowserTests(StackFixture stack) : StackTest(stack)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private DashboardBrowser _browser = null!;
    private IRecsApi _api = null!;
    private Uri _dashboard = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Stack.WaitForSampleDaysPublishedAsync();
        _api = RecsApiClient.Create(Stack.CreateHttpClient("recsapi"));
        _dashboard = Stack.App.GetEndpoint("dashboard", "http");
        _browser = await DashboardBrowser.LaunchAsync(_dashboard);
    }

    public override async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task SignInAsync(IPage page, string returnPath = "runs")
    {
        await page.GotoAsync(new Uri(_dashboard, $"signin?returnUrl=%2F{returnPath}").ToString());
        await Assertions.Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);
        await page.FillAsync("#password", StackFixture.DashboardAdminPassword);
        await page.ClickAsync("#sign-in-submit");
        await Assertions.Expect(page.Locator("[data-signed-in]")).ToHaveTextAsync("admin");
        await DashboardBrowser.WaitForDataAsync(page);
    }

    [Fact]
    public async Task An_admin_queues_a_run_and_watches_it_reach_succeeded_without_reloading_and_no_response_holds_the_key()
    {
        var page = await _browser.NewPageAsync();
        var bodies = new List<string>();
        var reading = new List<Task>();
        page.Response += (_, response) => reading.Add(ReadBodyAsync(response, bodies));
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => { lock (bodies) { bodies.Add(frame.Text ?? System.Text.Encoding.UTF8.GetString(frame.Binary ?? [])); } };
        };
        var date = Stack.StartedOn.AddDays(-2).ToString("yyyy-MM-dd");

        await SignInAsync(page);
        await page.ClickAsync("#run-date");
        await page.FillAsync("#run-date-input", date);
        await page.ClickAsync("#run-date-confirm");
        var snackbar = page.Locator(".mud-snackbar", new PageLocatorOptions { HasTextString = $"for {date}" });
        await Assertions.Expect(snackbar).ToBeVisibleAsync();
        var runId = System.Text.RegularExpressions.Regex.Match(await snackbar.InnerTextAsync(), "#(\\d+)").Groups[1].Value;
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        // Open the run inside the circuit (no page load) and let the page follow it by itself.
        await page.EvaluateAsync($"Blazor.navigateTo('runs/{runId}')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Run #{runId}");
        await Assertions.Expect(page.Locator("[data-run-status='succeeded']")).ToBeVisibleAsync(new() { Timeout = (float)RunTimeout.TotalMilliseconds });
        await Assertions.Expect(page.Locator("[data-polling='false']")).ToBeAttachedAsync();
        Assert.All(StepNames.All, step => Assert.Equal(StepStatuses.Succeeded, page.Locator($"[data-step='{step}']").GetAttributeAsync("data-step-status").Result));
        Assert.True(navigations <= 1, $"the page loaded {navigations} times while the run went on");

        await Task.WhenAll(reading.ToArray());
        Assert.NotEmpty(bodies);
        lock (bodies)
        {
            Assert.DoesNotContain(bodies, body => body.Contains(StackFixture.AdminApiKey, StringComparison.Ordinal));
        }

        Assert.True(_browser.Errors.Count == 0, string.Join("\n", _browser.Errors));
    }

    [Fact]
    public async Task An_admin_cancels_a_queued_run()
    {
        var date = Stack.StartedOn.AddDays(-25);
        await using var dataSource = await Stack.CreateDataSourceAsync();
        // Another replica holding the date keeps the run queued until the cancel reaches it.
        await using var locks = await PipelineDateLocks.AcquireAsync(dataSource, date, date);
        var queued = await _api.QueueRunAsync(new QueueRunRequest(date), StackFixture.AdminApiKey, Token);
        var runId = queued.Content!.RunId;
        var page = await _browser.NewPageAsync();

        await SignInAsync(page, $"runs%2F{runId}");
        await page.ClickAsync("#cancel-run");
        await page.Locator(".mud-dialog button", new PageLocatorOptions { HasTextString = "Cancel run" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-run-status='cancelled']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(RunStatuses.Cancelled, (await _api.GetRunAsync(runId, Token)).Run.Status);
        Assert.StartsWith("api:", (await _api.GetRunAsync(runId, Token)).Run.Source);
        Assert.True(_browser.Errors.Count == 0, string.Join("\n", _browser.Errors));
    }

    [Fact]
    public async Task A_signed_out_user_finds_no_admin_controls_and_is_refused_at_admin_routes()
    {
        var runs = await _api.GetRunsAsync(pageSize: 1, cancellationToken: Token);
        var page = await _browser.NewPageAsync();

        await _browser.OpenAsync(page, "runs");
        await Assertions.Expect(page.Locator("[data-run-grid]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-admin-controls]")).ToHaveCountAsync(0);
        await _browser.OpenAsync(page, $"runs/{runs.Items[0].Id}");
        await Assertions.Expect(page.Locator("[data-steps]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-admin-controls], #resume-run, #cancel-run")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(_dashboard, "admin").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl=%2Fadmin$"));
        await Assertions.Expect(page.Locator("#run-date")).ToHaveCountAsync(0);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _dashboard };
        var forged = await http.PostAsync("account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin",
            ["password"] = StackFixture.DashboardAdminPassword,
        }), Token);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie"));
        Assert.True(_browser.Errors.Count == 0, string.Join("\n", _browser.Errors));
    }

    [Fact]
    public async Task Runs_and_run_pages_have_no_serious_accessibility_violations_light_and_dark()
    {
        var run = (await _api.GetRunsAsync(status: RunStatuses.Succeeded, pageSize: 1, cancellationToken: Token)).Items[0];
        var violations = new List<string>();

        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await _browser.NewPageAsync(scheme);
            foreach (var (name, path, shows) in new[] { ("runs", "runs", "[data-run-link] >> nth=0"), ("run", $"runs/{run.Id}", "[data-step='publish']") })
            {
                await _browser.OpenAsync(page, path);
                await Assertions.Expect(page.Locator(shows)).ToBeVisibleAsync();
                violations.AddRange((await DashboardBrowser.SeriousViolationsAsync(page)).Select(v => $"{name} ({scheme}): {v}"));
                await DashboardBrowser.ScreenshotAsync(page, $"{name}-{scheme.ToString().ToLowerInvariant()}");
            }

            await page.Context.CloseAsync();
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(_browser.Errors.Count == 0, string.Join("\n", _browser.Errors));
    }

    [Fact]
    public async Task Sign_in_admin_and_the_admin_dialogs_have_no_serious_accessibility_violations_light_and_dark()
    {
        var violations = new List<string>();

        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var suffix = scheme.ToString().ToLowerInvariant();
            var page = await _browser.NewPageAsync(scheme);
            await page.GotoAsync(new Uri(_dashboard, "signin?returnUrl=%2Fadmin").ToString());
            await Assertions.Expect(page.Locator("#sign-in-form")).ToBeVisibleAsync();
            violations.AddRange((await DashboardBrowser.SeriousViolationsAsync(page)).Select(v => $"signin ({scheme}): {v}"));
            await DashboardBrowser.ScreenshotAsync(page, $"signin-{suffix}");

            await page.FillAsync("#password", StackFixture.DashboardAdminPassword);
            await page.ClickAsync("#sign-in-submit");
            await Assertions.Expect(page.Locator("[data-signed-in]")).ToHaveTextAsync("admin");
            await Assertions.Expect(page.Locator("#backfill")).ToBeVisibleAsync();
            violations.AddRange((await DashboardBrowser.SeriousViolationsAsync(page)).Select(v => $"admin ({scheme}): {v}"));
            await DashboardBrowser.ScreenshotAsync(page, $"admin-{suffix}");

            foreach (var (name, opener, shows) in new[] { ("run-date-dialog", "#run-date", "#run-date-input"), ("backfill-dialog", "#backfill", "#backfill-from") })
            {
                await page.ClickAsync(opener);
                await Assertions.Expect(page.Locator(shows)).ToBeVisibleAsync();
                violations.AddRange((await DashboardBrowser.SeriousViolationsAsync(page)).Select(v => $"{name} ({scheme}): {v}"));
                await DashboardBrowser.ScreenshotAsync(page, $"{name}-{suffix}");
                await page.Keyboard.PressAsync("Escape");
                await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            }

            await page.Context.CloseAsync();
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(_browser.Errors.Count == 0, string.Join("\n", _browser.Errors));
    }

    private static async Task ReadBodyAsync(IResponse response, List<string> bodies)
    {
        try
        {
            var body = await response.TextAsync();
            lock (bodies)
            {
                bodies.Add(body);
            }
        }
        catch (PlaywrightException)
        {
            // Redirects and aborted requests have no body to read.
        }
    }
}
