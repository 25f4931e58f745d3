namespace Recommender.Contracts;

/// <summary>
/// What a run was queued with: the volume guard overridden (<see cref="AcceptVolume"/>), and for a
/// backfill's runs the range and reprocess mode (see <see cref="ReprocessModes"/>).
/// </summary>
public sealed record RunParameters(bool AcceptVolume, string? Reprocess = null, DateOnly? BackfillFrom = null, DateOnly? BackfillTo = null);
