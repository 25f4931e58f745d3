namespace Recommender.Contracts;

/// <summary>Products that have clicks but no impressions on the date: they have no CTR and are not ranked.</summary>
public sealed record ZeroImpressionClicks(long Products, IReadOnlyList<ZeroImpressionSample> Samples);

/// <summary>One such product.</summary>
public sealed record ZeroImpressionSample(string AdvertiserId, string ProductId, long Clicks);
