namespace Recommender.Tests.Api.Fixtures;

/// <summary>
/// The data most API tests read, published on the three days ending yesterday (D0 = yesterday):
/// <list type="bullet">
/// <item>ALPHA: active on all three days with both lists (overlap and changes worth computing).</item>
/// <item>BRAVO: active on D0 only, without any recommendations.</item>
/// <item>CHARLIE: active on D1 only.</item>
/// <item>ECHO: on D1 and D0; its top_ctr list is replaced entirely, its top_product list stays.</item>
/// </list>
/// </summary>
public sealed class StandardFixture(FixturePublisher publisher)
{
    public DateOnly D0 { get; } = FixturePublisher.Yesterday;

    public DateOnly D1 => D0.AddDays(-1);

    public DateOnly D2 => D0.AddDays(-2);

    public string Alpha => publisher.Id("ALPHA");

    public string Bravo => publisher.Id("BRAVO");

    public string Charlie => publisher.Id("CHARLIE");

    public string Echo => publisher.Id("ECHO");

    public string Nobody => publisher.Id("NOBODY");

    public FixtureAdvertiser AlphaOn(DateOnly date) =>
        date == D0 ? new(Alpha, ["p1", "p2", "p3", "p4", "p5", "p6"], ["p1", "p2", "p3", "p10"])
        : date == D1 ? new(Alpha, ["p1", "p2", "p3", "p8"], ["p9", "p10"])
        : new(Alpha, ["p1", "p2", "p3", "p4", "p5"], ["p3", "p4", "p5", "p6", "p7"]);

    public FixtureAdvertiser BravoOnD0 => new(Bravo, [], []);

    public FixtureAdvertiser CharlieOnD1 => new(Charlie, ["x1"], ["x1"]);

    public FixtureAdvertiser EchoOn(DateOnly date) =>
        date == D0 ? new(Echo, ["e3", "e4"], ["e5"]) : new(Echo, ["e1", "e2"], ["e5"]);

    /// <summary>Publishes D2, D1 and D0 in date order, as nightly runs would.</summary>
    public async Task PublishAsync(Func<DateOnly, FixtureAdvertiser[], Task> publish)
    {
        await publish(D2, [AlphaOn(D2)]);
        await publish(D1, [AlphaOn(D1), CharlieOnD1, EchoOn(D1)]);
        await publish(D0, [AlphaOn(D0), BravoOnD0, EchoOn(D0)]);
    }
}
