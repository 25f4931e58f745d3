using Refit;

namespace Recommender.Contracts;

/// <summary>
/// The RecsApi contract. Read calls throw <see cref="ApiException"/> on an error status (its content
/// is an <see cref="ApiProblem"/>); admin calls return the response so callers can tell a new run
/// (202) from one already queued (200). Create clients with <see cref="RecsApiClient"/>.
/// </summary>
public interface IRecsApi
{
    /// <summary>An advertiser's ranked list of one model on the latest published date, or on <paramref name="date"/> (YYYY-MM-DD).</summary>
    [Get("/recommendations/{advertiserId}/{model}")]
    Task<RecommendationsResponse> GetRecommendationsAsync(
        string advertiserId, string model, [AliasAs("date")] string? date = null, CancellationToken cancellationToken = default);

    /// <summary>Both models for each of the last <paramref name="days"/> published dates (default 7).</summary>
    [Get("/history/{advertiserId}")]
    Task<HistoryResponse> GetHistoryAsync(
        string advertiserId, [AliasAs("days")] int? days = null, CancellationToken cancellationToken = default);

    /// <summary>The original system's path: the same as <see cref="GetHistoryAsync"/>.</summary>
    [Get("/history/{advertiserId}/")]
    Task<HistoryResponse> GetHistoryLegacyAsync(string advertiserId, CancellationToken cancellationToken = default);

    /// <summary>Statistics of the latest published date, or of <paramref name="date"/>; the overlap list is paged.</summary>
    [Get("/stats")]
    Task<StatsResponse> GetStatsAsync(
        [AliasAs("date")] string? date = null,
        [AliasAs("page")] int? page = null,
        [AliasAs("page_size")] int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>The original system's path: the same as <see cref="GetStatsAsync"/> for the latest date.</summary>
    [Get("/stats/")]
    Task<StatsResponse> GetStatsLegacyAsync(CancellationToken cancellationToken = default);

    /// <summary>Advertisers with their latest date and counts, by id or by <paramref name="sort"/> (<see cref="AdvertiserSorts"/>); <paramref name="q"/> filters by id prefix (any case).</summary>
    [Get("/advertisers")]
    Task<Page<AdvertiserSummary>> GetAdvertisersAsync(
        [AliasAs("q")] string? q = null,
        [AliasAs("page")] int? page = null,
        [AliasAs("page_size")] int? pageSize = null,
        CancellationToken cancellationToken = default,
        [AliasAs("sort")] string? sort = null);

    /// <summary>
    /// The run ledger, newest first; <paramref name="status"/> and <paramref name="trigger"/> keep runs
    /// in one status or of one trigger, <paramref name="from"/>..<paramref name="to"/> (YYYY-MM-DD,
    /// both included, either optional) keep runs of those logical dates.
    /// </summary>
    [Get("/runs")]
    Task<Page<RunSummary>> GetRunsAsync(
        [AliasAs("status")] string? status = null,
        [AliasAs("page")] int? page = null,
        [AliasAs("page_size")] int? pageSize = null,
        CancellationToken cancellationToken = default,
        [AliasAs("trigger")] string? trigger = null,
        [AliasAs("from")] string? from = null,
        [AliasAs("to")] string? to = null);

    /// <summary>For each of the last <paramref name="days"/> logical dates (default 14, at most 90) its latest run and each step's status and duration.</summary>
    [Get("/runs/grid")]
    Task<RunGrid> GetRunGridAsync([AliasAs("days")] int? days = null, CancellationToken cancellationToken = default);

    /// <summary>One run with its steps' progress.</summary>
    [Get("/runs/{id}")]
    Task<RunDetails> GetRunAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Admin: queues a run for one date. 202 with the new run, or 200 with the run already queued or running.</summary>
    [Post("/runs")]
    Task<IApiResponse<QueuedRun>> QueueRunAsync(
        [Body] QueueRunRequest request, [Header(ApiHeaders.ApiKey)] string apiKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Admin: queues one run per date of the range that the reprocess mode selects, in date order; 202
    /// when it queued any, 200 when none (and always 200 for a dry run, which queues nothing).
    /// </summary>
    [Post("/runs/backfill")]
    Task<IApiResponse<BackfillResponse>> BackfillAsync(
        [Body] BackfillRequest request, [Header(ApiHeaders.ApiKey)] string apiKey, CancellationToken cancellationToken = default);

    /// <summary>Admin: puts a failed (or held) run back in the queue, to resume at its first unfinished step. 202; 409 when the run is not failed or held, or another run of its date is active.</summary>
    [Post("/runs/{id}/resume")]
    Task<IApiResponse<RunActionResponse>> ResumeRunAsync(
        long id, [Header(ApiHeaders.ApiKey)] string apiKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Admin: cancels a queued or running run. 202 (a running run stops within seconds, ends
    /// cancelled, publishes nothing); 200 with done=false when the run is inside Publish's transaction
    /// and will finish; 409 when it already ended.
    /// </summary>
    [Post("/runs/{id}/cancel")]
    Task<IApiResponse<RunActionResponse>> CancelRunAsync(
        long id, [Header(ApiHeaders.ApiKey)] string apiKey, CancellationToken cancellationToken = default);

    /// <summary>The pipeline's effective settings as the Scheduler recorded them.</summary>
    [Get("/pipeline")]
    Task<PipelineSettings> GetPipelineSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every retained published date, newest first.</summary>
    [Get("/dates")]
    Task<IReadOnlyList<PublishedDate>> GetPublishedDatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Headline statistics of every retained published date, oldest first.</summary>
    [Get("/stats/trend")]
    Task<StatsTrend> GetStatsTrendAsync(CancellationToken cancellationToken = default);
}
