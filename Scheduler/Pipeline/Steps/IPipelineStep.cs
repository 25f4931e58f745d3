namespace Recommender.Scheduler.Pipeline.Steps;

/// <summary>What a step did: rows read and written, where its output is, and whether it recorded its own success.</summary>
public sealed record StepResult(long RowsIn, long RowsOut, string? OutputKey, bool RecordedByStep = false);

public interface IPipelineStep
{
    string Name { get; }

    /// <summary>The objects the step leaves in S3; a resumed run reuses a succeeded step whose outputs all exist.</summary>
    IReadOnlyList<string> Outputs(RunKeys keys);

    Task<StepResult> RunAsync(RunContext context, CancellationToken cancellationToken);
}
