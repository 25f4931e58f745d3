namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>
/// An operator's cancel of the run this worker holds. It cancels the run's work, unless Publish has
/// entered its transaction: from then on the run finishes, so a cancel never leaves half a date.
/// </summary>
public sealed class RunCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly Lock _lock = new();
    private bool _committing;

    public CancellationToken Token => _source.Token;

    public bool IsRequested { get; private set; }

    /// <summary>Cancels the work; false (and nothing happens) once Publish is committing.</summary>
    public bool TryCancel()
    {
        lock (_lock)
        {
            if (_committing)
            {
                return false;
            }

            IsRequested = true;
        }

        _source.Cancel();
        return true;
    }

    /// <summary>Publish calls this inside its transaction; false when the run was cancelled already.</summary>
    public bool TryEnterCommit()
    {
        lock (_lock)
        {
            _committing = !IsRequested;
            return _committing;
        }
    }

    public void Dispose() => _source.Dispose();
}
