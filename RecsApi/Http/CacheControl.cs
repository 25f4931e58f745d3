using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Http;

/// <summary>The Cache-Control values the API sends, built once.</summary>
public sealed class CacheControl(IOptions<ApiOptions> options)
{
    /// <summary>Published data: it changes only when the pipeline publishes, so shared caches may keep it a while.</summary>
    public StringValues Published { get; } = new($"public, max-age={options.Value.CacheMaxAgeSeconds}");

    /// <summary>The run ledger changes as runs progress: always revalidate.</summary>
    public StringValues Live { get; } = new("no-cache");
}
