using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Steps;

/// <summary>TopCTR: the best click-through rates per advertiser, from the filtered ads views.</summary>
public sealed class TopCtrStep(PipelineEngine engine, Bucket bucket, RunLedger ledger) : IPipelineStep
{
    public string Name => StepNames.TopCtr;

    public IReadOnlyList<string> Outputs(RunKeys keys) => [keys.TopCtr];

    public async Task<StepResult> RunAsync(RunContext context, CancellationToken cancellationToken)
    {
        var input = context.LocalPath("top_ctr_input.parquet");
        var output = context.LocalPath("top_ctr.parquet");
        await bucket.DownloadFileAsync(context.Keys.FilteredAdsViews, input, cancellationToken);

        // Rows of the filtered input ranked, as far as the engine's progress of the ranking tells.
        var meter = context.Meters.Start(Name, RunMeters.Rows, engine.ParquetRows(input, cancellationToken));
        var result = await Task.Run(() => engine.TopCtr(input, output, cancellationToken, meter.Follow), cancellationToken).WaitAsync(cancellationToken);
        meter.Complete();
        await ledger.AddDataQualityAsync(context.Run.Id, DataQuality.FromTopCtr(result), cancellationToken);
        PipelineTelemetry.RowsProcessed.Add(result.RowsIn, new KeyValuePair<string, object?>("step", Name));

        await bucket.UploadFileAsync(context.Keys.TopCtr, output, cancellationToken);
        return new StepResult(result.RowsIn, result.RowsOut, context.Keys.TopCtr);
    }
}
