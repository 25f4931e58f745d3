namespace Recommender.Scheduler.SampleData;

/// <summary>Seeding of an empty bucket with sample data (section <c>SampleData</c>); on by default only in the local stack.</summary>
public sealed record SampleDataOptions
{
    public const string Section = "SampleData";

    public bool SeedWhenEmpty { get; init; }

    public int Days { get; init; } = 10;

    public int ActiveAdvertisers { get; init; } = 20;

    public int InactiveAdvertisers { get; init; } = 5;

    public int ProductsPerAdvertiser { get; init; } = 100;

    public long RowsPerDay { get; init; } = 100_000;

    public ulong Seed { get; init; } = 42;

    /// <summary>The spec for <paramref name="days"/> days ending yesterday (UTC).</summary>
    public SampleDataSpec ToSpec(DateOnly today) => new()
    {
        Days = Days,
        EndDate = today.AddDays(-1),
        ActiveAdvertisers = ActiveAdvertisers,
        InactiveAdvertisers = InactiveAdvertisers,
        ProductsPerAdvertiser = ProductsPerAdvertiser,
        RowsPerDay = RowsPerDay,
        Seed = Seed,
    };
}
