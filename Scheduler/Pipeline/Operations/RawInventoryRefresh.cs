namespace Recommender.Scheduler.Pipeline.Operations;

/// <summary>A nudge to refresh the raw inventory now (a run ended) instead of at the next interval.</summary>
public sealed class RawInventoryRefresh
{
    private readonly SemaphoreSlim _nudge = new(0, 1);

    public void Request()
    {
        try
        {
            _nudge.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already due.
        }
    }

    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        await _nudge.WaitAsync(interval, cancellationToken);
}
