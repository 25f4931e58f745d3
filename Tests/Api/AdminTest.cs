using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>
/// Tests that queue runs, all for dates in 2001. While a test runs it holds the pipeline's locks on
/// those dates, so the stack's own Scheduler leaves the runs queued; the runs it created are
/// deleted afterwards.
/// </summary>
public abstract class AdminTest(StackFixture stack) : ApiTest(stack)
{
    private PipelineDateLocks? _locks;

    protected AdminCalls Admin { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _locks = await PipelineDateLocks.AcquireAsync(Fixture.DataSource, new DateOnly(2001, 1, 1), new DateOnly(2001, 12, 31));
        Admin = new AdminCalls(Api);
    }

    public override async ValueTask DisposeAsync()
    {
        await Admin.DeleteCreatedRunsAsync(Fixture.DataSource);
        if (_locks is not null)
        {
            await _locks.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
