using System.Text.Json.Serialization;

namespace Recommender.Contracts;

/// <summary>One page of a longer list. Pages count from 1.</summary>
public sealed record Page<T>([property: JsonPropertyName("page")] int PageNumber, int PageSize, int TotalItems, int TotalPages, IReadOnlyList<T> Items);
