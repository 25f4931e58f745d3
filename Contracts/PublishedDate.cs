namespace Recommender.Contracts;

/// <summary>
/// A published date, newest first in lists: when and by which run it was published, its active
/// advertisers and how many have each model, and its raw rows and malformed share (null when the
/// run did not record them).
/// </summary>
public sealed record PublishedDate(
    DateOnly Date,
    DateTimeOffset PublishedAt,
    long? RunId,
    int ActiveAdvertisers,
    int TopCtrAdvertisers,
    int TopProductAdvertisers,
    long? RowsRead = null,
    double? BadRowShare = null);
