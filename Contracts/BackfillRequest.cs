using System.Text.Json.Serialization;

namespace Recommender.Contracts;

/// <summary>Asks for one pipeline run per date from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record BackfillRequest([property: JsonRequired] DateOnly From, [property: JsonRequired] DateOnly To);
