namespace Recommender.Contracts;

/// <summary>
/// An advertiser's recommendations over the most recent published dates, newest first. Only the
/// dates on which the advertiser was active are listed.
/// </summary>
public sealed record HistoryResponse(string AdvertiserId, int DaysRequested, IReadOnlyList<HistoryDay> Days);
