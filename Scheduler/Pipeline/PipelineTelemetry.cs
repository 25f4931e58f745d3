using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Recommender.Scheduler.Pipeline;

/// <summary>The pipeline's traces and metrics (ServiceDefaults exports every <c>Recommender.*</c> source and meter).</summary>
public static class PipelineTelemetry
{
    public const string Name = "Recommender.Pipeline";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> RowsProcessed =
        Meter.CreateCounter<long>("recs.pipeline.rows_processed", "{row}", "Rows read by a pipeline step.");

    public static readonly Counter<long> BadRows =
        Meter.CreateCounter<long>("recs.pipeline.bad_rows", "{row}", "Malformed raw rows skipped, by reason.");

    public static readonly Histogram<double> RunDuration =
        Meter.CreateHistogram<double>("recs.pipeline.run.duration", "s", "Wall time of a run attempt, by outcome.");

    public static readonly Histogram<double> StepDuration =
        Meter.CreateHistogram<double>("recs.pipeline.step.duration", "s", "Wall time of a step, by step and outcome.");

    public static readonly Counter<long> Runs =
        Meter.CreateCounter<long>("recs.pipeline.runs", "{run}", "Run attempts finished, by outcome.");
}
