using System.Text.Json.Serialization;

namespace Recommender.Contracts;

/// <summary>Asks for a pipeline run of one logical date.</summary>
public sealed record QueueRunRequest([property: JsonRequired] DateOnly Date);
