using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Steps;

/// <summary>TopProduct: the most viewed products per advertiser, from the filtered product views.</summary>
public sealed class TopProductStep(PipelineEngine engine, Bucket bucket) : IPipelineStep
{
    public string Name => StepNames.TopProduct;

    public IReadOnlyList<string> Outputs(RunKeys keys) => [keys.TopProduct];

    public async Task<StepResult> RunAsync(RunContext context, CancellationToken cancellationToken)
    {
        var input = context.LocalPath("top_product_input.parquet");
        var output = context.LocalPath("top_product.parquet");
        await bucket.DownloadFileAsync(context.Keys.FilteredProductViews, input, cancellationToken);

        // Rows of the filtered input ranked, as far as the engine's progress of the ranking tells.
        var meter = context.Meters.Start(Name, RunMeters.Rows, engine.ParquetRows(input, cancellationToken));
        var result = await Task.Run(() => engine.TopProduct(input, output, cancellationToken, meter.Follow), cancellationToken).WaitAsync(cancellationToken);
        meter.Complete();
        PipelineTelemetry.RowsProcessed.Add(result.RowsIn, new KeyValuePair<string, object?>("step", Name));

        await bucket.UploadFileAsync(context.Keys.TopProduct, output, cancellationToken);
        return new StepResult(result.RowsIn, result.RowsOut, context.Keys.TopProduct);
    }
}
