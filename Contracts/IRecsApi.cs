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

    /// <summary>Advertisers with their latest date and counts, by id; <paramref name="q"/> filters by id prefix (any case).</summary>
    [Get("/advertisers")]
    Task<Page<AdvertiserSummary>> GetAdvertisersAsync(
        [AliasAs("q")] string? q = null,
        [AliasAs("page")] int? page = null,
        [AliasAs("page_size")] int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>The run ledger, newest first; <paramref name="status"/> keeps runs in one status.</summary>
    [Get("/runs")]
    Task<Page<RunSummary>> GetRunsAsync(
        [AliasAs("status")] string? status = null,
        [AliasAs("page")] int? page = null,
        [AliasAs("page_size")] int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>One run with its steps' progress.</summary>
    [Get("/runs/{id}")]
    Task<RunDetails> GetRunAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Admin: queues a run for one date. 202 with the new run, or 200 with the run already queued or running.</summary>
    [Post("/runs")]
    Task<IApiResponse<QueuedRun>> QueueRunAsync(
        [Body] QueueRunRequest request, [Header(ApiHeaders.ApiKey)] string apiKey, CancellationToken cancellationToken = default);

    /// <summary>Admin: queues one run per date of the range, in date order. 202.</summary>
    [Post("/runs/backfill")]
    Task<IApiResponse<BackfillResponse>> BackfillAsync(
        [Body] BackfillRequest request, [Header(ApiHeaders.ApiKey)] string apiKey, CancellationToken cancellationToken = default);
}
