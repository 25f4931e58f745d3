using System.Text.Json.Serialization;

namespace Recommender.Contracts;

/// <summary>
/// Asks for a pipeline run of one logical date. <see cref="AcceptVolume"/> publishes the day even
/// when the volume guard would hold it (an operator's explicit override).
/// </summary>
public sealed record QueueRunRequest([property: JsonRequired] DateOnly Date, bool AcceptVolume = false);
