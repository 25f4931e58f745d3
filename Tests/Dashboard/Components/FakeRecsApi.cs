using System.Net;
using System.Text.Json;
using Recommender.Contracts;
using Refit;

namespace Recommender.Tests.Dashboard.Components;

/// <summary>
/// An in-memory <see cref="IRecsApi"/> for component tests only (browser tests use the real stack).
/// Holds published days of generated recommendations; <see cref="Hold"/> keeps every call waiting
/// (the loading state), <see cref="Failure"/> makes every call throw (the error state).
/// </summary>
public sealed class FakeRecsApi : IRecsApi
{
    private TaskCompletionSource _released = CompletedGate();

    /// <summary>Published days, newest first, each with both models per advertiser.</summary>
    public List<FakeDay> Days { get; } = [];

    public List<RunSummary> Runs { get; } = [];

    /// <summary>The key admin calls must carry; the fake answers 401 to any other.</summary>
    public const string AdminKey = "fake-admin-key";

    /// <summary>Steps and findings per run id; a run without an entry has none.</summary>
    public Dictionary<long, RunDetails> Details { get; } = [];

    /// <summary>Every admin call as "action:argument by actor", in order.</summary>
    public List<string> AdminCalls { get; } = [];

    /// <summary>The answer of the next admin call when set (e.g. a 409 problem); otherwise the call succeeds.</summary>
    public ApiException? AdminFailure { get; set; }

    private string _actor = "";

    /// <summary>This fake as the admin client of <paramref name="actor"/> sees it.</summary>
    public FakeRecsApi ActingAs(string actor)
    {
        _actor = actor;
        return this;
    }

    /// <summary>Thrown by every call when set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>How many calls reached the fake (for retry tests: a retry is a new call).</summary>
    public int Calls { get; private set; }

    /// <summary>Publishes <paramref name="days"/> days ending yesterday for <paramref name="advertisers"/> advertisers with <paramref name="products"/> products per model.</summary>
    public FakeRecsApi WithPublishedDays(int advertisers, int days, int products = 20, DateOnly? latest = null)
    {
        var newest = latest ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        for (var d = 0; d < days; d++)
        {
            var date = newest.AddDays(-d);
            var day = new FakeDay(date);
            for (var a = 0; a < advertisers; a++)
            {
                var id = $"adv-{a:D4}";
                // Each day shifts the lists by the day's distance, so consecutive days differ.
                day.TopCtr[id] = Enumerable.Range(0, products)
                    .Select(r => new RecommendedProduct($"p-{(r + d + a) % (products + 5):D3}", r + 1, 0.5 - (r * 0.01), 50 - r, 100, null)).ToList();
                day.TopProduct[id] = Enumerable.Range(0, products)
                    .Select(r => new RecommendedProduct($"p-{(r + (2 * d) + a + 3) % (products + 5):D3}", r + 1, 500 - r, null, null, 500 - r)).ToList();
            }

            Days.Add(day);
        }

        return this;
    }

    public FakeRecsApi WithRun(string status, DateOnly date, string trigger = RunTriggers.Schedule)
    {
        var queued = new DateTimeOffset(date.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        Runs.Insert(0, new RunSummary(
            Runs.Count + 1, date, trigger, status, 1, 3, queued, queued.AddSeconds(1),
            RunStatuses.IsActive(status) ? null : queued.AddSeconds(41), "worker-1",
            status == RunStatuses.Failed ? "Filter failed: the bad-row share 0.2 is above 0.1." : null,
            StepNames.All.Count, status == RunStatuses.Succeeded ? StepNames.All.Count : 1,
            DurationSeconds: RunStatuses.IsActive(status) ? null : 40));
        return this;
    }

    /// <summary>Keeps every call waiting until <see cref="Release"/>.</summary>
    public void Hold() => _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    /// <summary>A RecsApi answer with an error status and a problem body, as Refit raises it.</summary>
    public static async Task<ApiException> ProblemAsync(HttpStatusCode status, string title, string detail)
    {
        var body = JsonSerializer.Serialize(new ApiProblem(null, title, (int)status, detail, null, null), RecsJsonContext.Default.ApiProblem);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://recsapi/");
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body), RequestMessage = request };
        return await ApiException.Create(request, HttpMethod.Get, response, RecsApiClient.Settings);
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private async Task<T> Answer<T>(Func<T> answer, CancellationToken cancellationToken)
    {
        Calls++;
        await _released.Task.WaitAsync(cancellationToken);
        if (Failure is not null)
        {
            throw Failure;
        }

        return answer();
    }

    private static ApiException NothingPublished() =>
        ProblemAsync(HttpStatusCode.NotFound, "Nothing published", "The pipeline has not published any date yet.").GetAwaiter().GetResult();

    private FakeDay Day(string? date)
    {
        if (Days.Count == 0)
        {
            throw NothingPublished();
        }

        return date is null
            ? Days[0]
            : Days.FirstOrDefault(d => d.Date.ToString("yyyy-MM-dd") == date)
                ?? throw ProblemAsync(HttpStatusCode.NotFound, "Date not published", $"No data is published for {date}.").GetAwaiter().GetResult();
    }

    public Task<RecommendationsResponse> GetRecommendationsAsync(string advertiserId, string model, string? date = null, CancellationToken cancellationToken = default) =>
        Answer(() =>
        {
            var day = Day(date);
            var lists = model == ModelNames.TopCtr ? day.TopCtr : day.TopProduct;
            return lists.TryGetValue(advertiserId, out var products)
                ? new RecommendationsResponse(advertiserId, model, day.Date, products)
                : throw ProblemAsync(HttpStatusCode.NotFound, "Unknown advertiser", $"Advertiser '{advertiserId}' was active on none of the published dates.").GetAwaiter().GetResult();
        }, cancellationToken);

    public Task<HistoryResponse> GetHistoryAsync(string advertiserId, int? days = null, CancellationToken cancellationToken = default) =>
        Answer(() =>
        {
            if (Days.Count == 0)
            {
                throw NothingPublished();
            }

            var history = Days.Take(days ?? 7)
                .Where(d => d.TopCtr.ContainsKey(advertiserId))
                .Select(d => new HistoryDay(d.Date, d.TopCtr[advertiserId], d.TopProduct[advertiserId]))
                .ToList();
            return history.Count == 0
                ? throw ProblemAsync(HttpStatusCode.NotFound, "Unknown advertiser", $"Advertiser '{advertiserId}' was active on none of the published dates.").GetAwaiter().GetResult()
                : new HistoryResponse(advertiserId, days ?? 7, history);
        }, cancellationToken);

    public Task<HistoryResponse> GetHistoryLegacyAsync(string advertiserId, CancellationToken cancellationToken = default) =>
        GetHistoryAsync(advertiserId, null, cancellationToken);

    public Task<StatsResponse> GetStatsAsync(string? date = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        Answer(() => Stats(Day(date), page ?? 1, pageSize ?? 50), cancellationToken);

    public Task<StatsResponse> GetStatsLegacyAsync(CancellationToken cancellationToken = default) => GetStatsAsync(null, null, null, cancellationToken);

    public Task<Page<AdvertiserSummary>> GetAdvertisersAsync(string? q = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default, string? sort = null) =>
        Answer(() =>
        {
            var all = Summaries()
                .Where(a => q is null || a.AdvertiserId.StartsWith(q, StringComparison.OrdinalIgnoreCase));
            var descending = sort?.StartsWith('-') == true;
            Func<AdvertiserSummary, object> key = sort?.TrimStart('-') switch
            {
                AdvertiserSorts.Clicks => a => a.Clicks,
                AdvertiserSorts.Impressions => a => a.Impressions,
                AdvertiserSorts.Views => a => a.Views,
                AdvertiserSorts.DatesActive => a => a.DatesActive,
                AdvertiserSorts.TopCtrProducts => a => a.TopCtrProducts,
                AdvertiserSorts.TopProductProducts => a => a.TopProductProducts,
                AdvertiserSorts.LatestDate => a => a.LatestDate,
                _ => a => a.AdvertiserId,
            };
            var ordered = (descending ? all.OrderByDescending(key) : all.OrderBy(key)).ThenBy(a => a.AdvertiserId, StringComparer.Ordinal).ToList();
            return Paged(ordered, page ?? 1, pageSize ?? 50);
        }, cancellationToken);

    public Task<Page<RunSummary>> GetRunsAsync(string? status = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default, string? trigger = null, string? from = null, string? to = null) =>
        Answer(() => Paged(Runs.Where(r => (status is null || r.Status == status) && (trigger is null || r.Trigger == trigger)).ToList(), page ?? 1, pageSize ?? 50), cancellationToken);

    public Task<RunGrid> GetRunGridAsync(int? days = null, CancellationToken cancellationToken = default) =>
        Answer(() =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var dates = Enumerable.Range(1, days ?? 14).Select(offset =>
            {
                var date = today.AddDays(-offset);
                var run = Runs.FirstOrDefault(r => r.LogicalDate == date);
                var latest = run is null ? null : new RunGridRun(
                    run.Id, run.Status, run.Trigger, run.QueuedAt, run.StartedAt, run.FinishedAt, run.DurationSeconds,
                    StepNames.All.Select(s => new RunGridStep(s, run.Status == RunStatuses.Succeeded ? StepStatuses.Succeeded : StepStatuses.Failed, 10)).ToList());
                return new RunGridDate(date, Days.Any(d => d.Date == date), run is null ? 0 : 1, latest);
            }).ToList();
            return new RunGrid(days ?? 14, StepNames.All, dates);
        }, cancellationToken);

    public Task<RunDetails> GetRunAsync(long id, CancellationToken cancellationToken = default) =>
        Answer(() =>
        {
            var run = Runs.FirstOrDefault(r => r.Id == id)
                ?? throw ProblemAsync(HttpStatusCode.NotFound, "Unknown run", $"There is no run {id}.").GetAwaiter().GetResult();
            return Details.TryGetValue(id, out var details) ? details with { Run = run } : new RunDetails(run, [], new DataQualityReport());
        }, cancellationToken);

    public Task<IApiResponse<QueuedRun>> QueueRunAsync(QueueRunRequest request, string apiKey, CancellationToken cancellationToken = default) =>
        AdminAnswer($"queue:{request.Date:yyyy-MM-dd}", apiKey, () =>
        {
            WithRun(RunStatuses.Queued, request.Date, RunTriggers.Manual);
            return new QueuedRun(Runs[0].Id, request.Date, true);
        });

    public Task<IApiResponse<BackfillResponse>> BackfillAsync(BackfillRequest request, string apiKey, CancellationToken cancellationToken = default) =>
        AdminAnswer($"backfill{(request.DryRun ? "-dry-run" : "")}:{request.From:yyyy-MM-dd}..{request.To:yyyy-MM-dd}/{request.Reprocess}", apiKey, () =>
        {
            var dates = new List<BackfillDate>();
            for (var date = request.From; date <= request.To; date = date.AddDays(1))
            {
                var published = Days.Any(d => d.Date == date);
                dates.Add(published && request.Reprocess != ReprocessModes.All
                    ? new BackfillDate(date, BackfillDecisions.SkipPublished, "Already published.", Published: true)
                    : new BackfillDate(date, BackfillDecisions.Queue, "Would queue a run.", Published: published));
            }

            var queued = request.DryRun ? [] : dates.Where(d => d.Decision == BackfillDecisions.Queue).Select(d =>
            {
                WithRun(RunStatuses.Queued, d.Date, RunTriggers.Backfill);
                return new QueuedRun(Runs[0].Id, d.Date, true);
            }).ToList();
            return new BackfillResponse(request.From, request.To, queued.Count, queued, request.Reprocess ?? ReprocessModes.All, request.DryRun, dates);
        });

    public Task<IApiResponse<RunActionResponse>> ResumeRunAsync(long id, string apiKey, CancellationToken cancellationToken = default) =>
        AdminAnswer($"resume:{id}", apiKey, () => SetStatus(id, RunActions.Resume, RunStatuses.Queued, "Queued again; it resumes at its first unfinished step."));

    public Task<IApiResponse<RunActionResponse>> CancelRunAsync(long id, string apiKey, CancellationToken cancellationToken = default) =>
        AdminAnswer($"cancel:{id}", apiKey, () => SetStatus(id, RunActions.Cancel, RunStatuses.Cancelled, "Cancelled; nothing of it is published."));

    private RunActionResponse SetStatus(long id, string action, string status, string message)
    {
        var index = Runs.FindIndex(r => r.Id == id);
        Runs[index] = Runs[index] with { Status = status };
        return new RunActionResponse(id, action, true, status, message);
    }

    private async Task<IApiResponse<T>> AdminAnswer<T>(string call, string apiKey, Func<T> answer)
    {
        AdminCalls.Add($"{call} by {_actor}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://recsapi/");
        var failure = apiKey == AdminKey
            ? AdminFailure
            : await ProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized", "The X-Api-Key header is missing or wrong.");
        AdminFailure = null;
        if (failure is not null)
        {
            return new ApiResponse<T>(new HttpResponseMessage(failure.StatusCode) { RequestMessage = request }, default, RecsApiClient.Settings, failure);
        }

        return new ApiResponse<T>(new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request }, answer(), RecsApiClient.Settings);
    }

    public Task<PipelineSettings> GetPipelineSettingsAsync(CancellationToken cancellationToken = default) =>
        Answer(() => new PipelineSettings(7, 3, 0.1, 0.5, "0 2 * * *", "UTC", "latest", DateTimeOffset.UtcNow, "scheduler"), cancellationToken);

    public Task<IReadOnlyList<PublishedDate>> GetPublishedDatesAsync(CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<PublishedDate>>(() => Days.Select(d => new PublishedDate(
            d.Date, new DateTimeOffset(d.Date.AddDays(1).ToDateTime(new TimeOnly(2, 1)), TimeSpan.Zero), null,
            d.TopCtr.Count, d.TopCtr.Count, d.TopProduct.Count, 1000, 0.01)).ToList(), cancellationToken);

    public Task<StatsTrend> GetStatsTrendAsync(CancellationToken cancellationToken = default) =>
        Answer(() => new StatsTrend(Enumerable.Reverse(Days).Select(d =>
        {
            var stats = Stats(d, 1, 1);
            return new StatsTrendDay(d.Date, stats.ActiveAdvertisers, stats.AdvertisersWithRecommendations, stats.AverageOverlapPercent,
                stats.PreviousDate is null ? null : 10, stats.PreviousDate is null ? null : 20, 0, 0, 1000, 0.01);
        }).ToList()), cancellationToken);

    private StatsResponse Stats(FakeDay day, int page, int pageSize)
    {
        var overlaps = day.TopCtr.Keys.Order(StringComparer.Ordinal).Select(id =>
        {
            var ctr = day.TopCtr[id].Select(p => p.ProductId).ToHashSet();
            var shared = day.TopProduct[id].Count(p => ctr.Contains(p.ProductId));
            return new AdvertiserOverlap(id, day.Date, ctr.Count, day.TopProduct[id].Count, shared, ctr.Count == 0 ? 0 : 100.0 * shared / ctr.Count);
        }).ToList();
        var index = Days.IndexOf(day);
        var previous = index + 1 < Days.Count ? Days[index + 1] : null;
        var changes = previous is null ? new ModelChanges([], []) : new ModelChanges(
            Changes(day, previous, day.TopCtr, previous.TopCtr), Changes(day, previous, day.TopProduct, previous.TopProduct));
        var histogram = Enumerable.Range(0, 10).Select(b => new OverlapBucket(b * 10, (b + 1) * 10,
            overlaps.Count(o => o.SharedPercent >= b * 10 && (o.SharedPercent < (b + 1) * 10 || (b == 9 && o.SharedPercent <= 100))))).ToList();
        var coverage = new Coverage(
            new ModelCoverage(day.TopCtr.Values.Count(l => l.Count >= 20), day.TopCtr.Values.Count(l => l.Count is > 0 and < 20), day.TopCtr.Values.Count(l => l.Count == 0)),
            new ModelCoverage(day.TopProduct.Values.Count(l => l.Count >= 20), day.TopProduct.Values.Count(l => l.Count is > 0 and < 20), day.TopProduct.Values.Count(l => l.Count == 0)));
        return new StatsResponse(day.Date, previous?.Date, day.TopCtr.Count, day.TopCtr.Count,
            overlaps.Count == 0 ? 0 : overlaps.Average(o => o.SharedPercent), Paged(overlaps, page, pageSize), changes, histogram, coverage);
    }

    private static List<RecommendationChange> Changes(
        FakeDay day, FakeDay previous, Dictionary<string, List<RecommendedProduct>> now, Dictionary<string, List<RecommendedProduct>> before) =>
        now.Keys.Where(before.ContainsKey).Select(id =>
        {
            var today = now[id].Select(p => p.ProductId).ToHashSet();
            var yesterday = before[id].Select(p => p.ProductId).ToHashSet();
            var shared = today.Count(yesterday.Contains);
            return new RecommendationChange(id, day.Date, previous.Date, today.Count - shared, yesterday.Count - shared, shared,
                today.Count == 0 ? 0 : 100.0 * (today.Count - shared) / today.Count);
        }).OrderByDescending(c => c.ChangePercent).ThenBy(c => c.AdvertiserId, StringComparer.Ordinal).Take(10).ToList();

    private IEnumerable<AdvertiserSummary> Summaries() =>
        Days.SelectMany(d => d.TopCtr.Keys).Distinct().Select(id =>
        {
            var active = Days.Where(d => d.TopCtr.ContainsKey(id)).ToList();
            return new AdvertiserSummary(id, active[0].Date, active.Count, active[0].TopCtr[id].Count, active[0].TopProduct[id].Count,
                active.Sum(d => d.TopCtr[id].Sum(p => p.Impressions ?? 0)), active.Sum(d => d.TopCtr[id].Sum(p => p.Clicks ?? 0)),
                active.Sum(d => d.TopProduct[id].Sum(p => p.Views ?? 0)));
        });

    private static Page<T> Paged<T>(IReadOnlyList<T> items, int page, int pageSize) =>
        new(page, pageSize, items.Count, (items.Count + pageSize - 1) / pageSize, items.Skip((page - 1) * pageSize).Take(pageSize).ToList());
}
