using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Recommender.Contracts;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>Resume, cancel, backfill modes and the pipeline settings through RecsApi, against the stack's Scheduler.</summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class OperatorActionsApiTests(StackFixture stack) : AdminTest(stack)
{
    private static readonly DateOnly OldDate = new(2001, 8, 1);

    internal static string KeyId => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StackFixture.AdminApiKey)))[..8];

    [Fact]
    public async Task Pipeline_serves_the_settings_the_scheduler_recorded()
    {
        var settings = await Api.GetPipelineSettingsAsync(Cancel);

        Assert.Equal((7, 3, 0.01, 0.2), (settings.RetentionDays, settings.MaxAttempts, settings.MaxBadRowShare, settings.MinRowShare));
        Assert.Equal(("UTC", "latest"), (settings.TimeZone, settings.CatchUp));
        Assert.Matches(@"^.+/\d+$", settings.RecordedBy);
        Assert.Equal(
            [$"{settings.RetentionDays}|{settings.MaxAttempts}|{settings.RecordedBy}"],
            await Rows("SELECT retention_days, max_attempts, recorded_by FROM pipeline_settings"));
    }

    [Fact]
    public async Task A_run_queued_through_the_api_records_the_key_id_and_actor_never_the_key()
    {
        using var response = await PostAsActorAsync("/runs", new { date = "2001-08-02", accept_volume = true }, "dashboard:admin");
        var run = await response.Content.ReadFromJsonAsync(RecsJsonContext.Default.QueuedRun, Cancel);
        Admin.Created(run!.RunId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(
            [$"manual|api:{KeyId}/dashboard:admin|true|3"],
            await Rows($"SELECT trigger, source, parameters->>'accept_volume', max_attempts FROM pipeline_runs WHERE id = {run.RunId}"));
        Assert.Empty(await Rows($"SELECT id FROM pipeline_runs WHERE id = {run.RunId} AND (source LIKE '%{StackFixture.AdminApiKey}%' OR parameters::text LIKE '%{StackFixture.AdminApiKey}%')"));
    }

    [Fact]
    public async Task A_queued_run_cancelled_is_202_and_a_second_cancel_is_409()
    {
        // Queued for later, so the stack's worker cannot claim it before the cancel arrives.
        var runId = long.Parse((await Rows(
            $"INSERT INTO pipeline_runs (logical_date, trigger, not_before) VALUES ('{OldDate.AddDays(2):yyyy-MM-dd}', 'manual', now() + interval '1 hour') RETURNING id"))[0],
            System.Globalization.CultureInfo.InvariantCulture);
        var queued = new { RunId = runId };

        var cancel = await Admin.SendAsync(() => Api.CancelRunAsync(queued.RunId, StackFixture.AdminApiKey, Cancel));
        var again = await Admin.SendAsync(() => Api.CancelRunAsync(queued.RunId, StackFixture.AdminApiKey, Cancel));

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(new RunActionResponse(queued.RunId, RunActions.Cancel, true, RunStatuses.Cancelled, $"Run {queued.RunId} was queued and is now cancelled."), cancel.Content);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal([RunStatuses.Cancelled], await Rows($"SELECT status FROM pipeline_runs WHERE id = {queued.RunId} AND finished_at IS NOT NULL"));
    }

    [Fact]
    public async Task Resume_of_a_run_that_is_not_failed_is_409_of_an_unknown_run_404_and_without_key_401()
    {
        var queued = (await Admin.QueueRunAsync(OldDate.AddDays(3), StackFixture.AdminApiKey)).Content!;

        var notFailed = await Admin.SendAsync(() => Api.ResumeRunAsync(queued.RunId, StackFixture.AdminApiKey, Cancel));
        var unknown = await Admin.SendAsync(() => Api.ResumeRunAsync(long.MaxValue, StackFixture.AdminApiKey, Cancel));
        var cancelUnknown = await Admin.SendAsync(() => Api.CancelRunAsync(long.MaxValue, StackFixture.AdminApiKey, Cancel));
        var withoutKey = await Admin.SendAsync(() => Api.ResumeRunAsync(queued.RunId, "", Cancel));

        Assert.Equal(HttpStatusCode.Conflict, notFailed.StatusCode);
        Assert.Contains("only a failed or held run can be resumed", ((Refit.ApiException)notFailed.Error!).Content, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    [Theory]
    [InlineData(ReprocessModes.Missing, BackfillDecisions.SkipNoRawData)]
    [InlineData(ReprocessModes.Failed, BackfillDecisions.SkipNoRawData)]
    [InlineData(ReprocessModes.All, BackfillDecisions.Queue)]
    public async Task A_dry_run_backfill_answers_per_date_and_queues_nothing(string mode, string decision)
    {
        var from = OldDate.AddDays(10);
        var runsOfRange = $"SELECT count(*) FROM pipeline_runs WHERE logical_date BETWEEN '{from:yyyy-MM-dd}' AND '{from.AddDays(2):yyyy-MM-dd}'";
        var before = await Rows(runsOfRange);

        var response = await Admin.BackfillAsync(new BackfillRequest(from, from.AddDays(2), mode, DryRun: true), StackFixture.AdminApiKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = response.Content!;
        Assert.Equal((0, mode, true), (body.CreatedRuns, body.Reprocess, body.DryRun));
        Assert.Empty(body.Runs);
        Assert.Equal([from, from.AddDays(1), from.AddDays(2)], body.Dates!.Select(d => d.Date));
        Assert.All(body.Dates!, d => Assert.Equal(decision, d.Decision));
        Assert.Equal(before, await Rows(runsOfRange));
    }

    [Theory]
    [InlineData(ReprocessModes.Missing, 0)]
    [InlineData(ReprocessModes.All, 2)]
    public async Task A_backfill_queues_what_its_mode_selects_with_the_backfill_parameters(string mode, int created)
    {
        var from = OldDate.AddDays(mode == ReprocessModes.All ? 20 : 24);

        var response = await Admin.BackfillAsync(new BackfillRequest(from, from.AddDays(1), mode), StackFixture.AdminApiKey);

        Assert.Equal(created > 0 ? HttpStatusCode.Accepted : HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created, response.Content!.CreatedRuns);
        Assert.Equal(created, response.Content.Runs.Count);
        foreach (var run in response.Content.Runs)
        {
            Assert.Equal(
                [$"backfill|api:{KeyId}|{mode}|{from:yyyy-MM-dd}|3"],
                await Rows($"SELECT trigger, source, parameters->>'reprocess', parameters->>'backfill_from', max_attempts FROM pipeline_runs WHERE id = {run.RunId}"));
        }
    }

    [Fact]
    public async Task A_backfill_with_an_unknown_reprocess_mode_is_400_naming_it()
    {
        var response = await Admin.BackfillAsync(new BackfillRequest(OldDate, OldDate, "some"), StackFixture.AdminApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"parameter\":\"reprocess\"", ((Refit.ApiException)response.Error!).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_actor_that_is_not_printable_ascii_is_400_naming_the_header()
    {
        using var response = await PostAsActorAsync("/runs", new { date = "2001-08-04" }, new string('a', 65));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"parameter\":\"{ApiHeaders.Actor}\"", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    /// <summary>A raw admin call with <see cref="ApiHeaders.Actor"/> (the typed client does not send one), waiting out the rate limit.</summary>
    private async Task<HttpResponseMessage> PostAsActorAsync(string path, object body, string actor)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add(ApiHeaders.ApiKey, StackFixture.AdminApiKey);
            request.Headers.Add(ApiHeaders.Actor, actor);
            var response = await Http.SendAsync(request, Cancel);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 30)
            {
                return response;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), Cancel);
            response.Dispose();
        }
    }

    private Task<List<string>> Rows(string sql) => Fixture.DataSource.RowsAsync(sql);
}
