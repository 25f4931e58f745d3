namespace Recommender.RecsApi.Data;

/// <summary>Which runs of the ledger to list; a null field keeps every run.</summary>
public sealed record RunFilter(string? Status = null, string? Trigger = null, DateOnly? From = null, DateOnly? To = null, long? Id = null);
