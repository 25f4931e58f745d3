namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>A product clicked although it had no impression that day: it has no click-through rate.</summary>
public sealed record ZeroImpressionClick(DateOnly Date, string AdvertiserId, string ProductId, long Clicks);

/// <summary>What a model step read and wrote, and (TopCTR only) the products it could not rank.</summary>
public sealed record ModelResult(long RowsIn, long RowsOut, long ZeroImpressionProducts = 0, IReadOnlyList<ZeroImpressionClick>? ZeroImpressionSamples = null);
