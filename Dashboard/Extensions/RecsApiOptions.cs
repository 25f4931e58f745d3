namespace Recommender.Dashboard.Extensions;

/// <summary>Where the Dashboard finds RecsApi (configuration section <c>RecsApi</c>).</summary>
public sealed class RecsApiOptions
{
    public const string Section = "RecsApi";

    /// <summary>RecsApi's base address; by default the AppHost's resource name, resolved by service discovery.</summary>
    public string BaseAddress { get; set; } = "https+http://recsapi";
}
