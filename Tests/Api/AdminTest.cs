using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>Tests that queue runs; the runs they created are deleted afterwards.</summary>
public abstract class AdminTest(StackFixture stack) : ApiTest(stack)
{
    protected AdminCalls Admin { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = new AdminCalls(Api);
    }

    public override async ValueTask DisposeAsync()
    {
        await Admin.DeleteCreatedRunsAsync(Fixture.DataSource);
        await base.DisposeAsync();
    }
}
