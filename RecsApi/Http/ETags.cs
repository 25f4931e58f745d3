using Microsoft.Extensions.Primitives;

namespace Recommender.RecsApi.Http;

internal static class ETags
{
    /// <summary>Whether an If-None-Match header names <paramref name="etag"/> (or is <c>*</c>); weak tags match too.</summary>
    public static bool Matches(StringValues ifNoneMatch, string etag)
    {
        foreach (var header in ifNoneMatch)
        {
            if (header is null)
            {
                continue;
            }

            foreach (var range in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = range.StartsWith("W/", StringComparison.Ordinal) ? range[2..] : range;
                if (candidate == "*" || string.Equals(candidate, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
