namespace Recommender.Scheduler.Pipeline;

/// <summary>The steps of a run, as named in <c>pipeline_run_steps</c>.</summary>
public static class StepName
{
    public const string Filter = "filter";
    public const string TopCtr = "top_ctr";
    public const string TopProduct = "top_product";
    public const string Publish = "publish";

    public static readonly string[] All = [Filter, TopCtr, TopProduct, Publish];
}
