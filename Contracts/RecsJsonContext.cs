using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recommender.Contracts;

/// <summary>
/// The JSON of the API: snake_case names, dates as YYYY-MM-DD. RecsApi writes with it and the
/// Refit client reads with it, so the two cannot drift apart.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(RecommendationsResponse))]
[JsonSerializable(typeof(HistoryResponse))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(Page<AdvertiserSummary>))]
[JsonSerializable(typeof(Page<RunSummary>))]
[JsonSerializable(typeof(RunDetails))]
[JsonSerializable(typeof(QueueRunRequest))]
[JsonSerializable(typeof(BackfillRequest))]
[JsonSerializable(typeof(QueuedRun))]
[JsonSerializable(typeof(BackfillResponse))]
[JsonSerializable(typeof(RunGrid))]
[JsonSerializable(typeof(RunActionResponse))]
[JsonSerializable(typeof(PipelineSettings))]
[JsonSerializable(typeof(RunParameters))]
[JsonSerializable(typeof(IReadOnlyList<PublishedDate>))]
[JsonSerializable(typeof(StatsTrend))]
[JsonSerializable(typeof(ApiProblem))]
public sealed partial class RecsJsonContext : JsonSerializerContext;
