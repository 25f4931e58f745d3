using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>Tests that read the <see cref="StandardFixture"/>, published afresh before each test.</summary>
public abstract class StandardDataTest(StackFixture stack) : ApiTest(stack)
{
    protected StandardFixture Data { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Data = new StandardFixture(Fixture);
        await Data.PublishAsync(PublishAsync);
    }
}
