using System.Collections.Concurrent;
using Recommender.RecsApi.Http;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// Responses built from PostgreSQL, kept until the next publish replaces the snapshot that owns this
/// cache. Bounded: once full it stops adding, so hostile traffic cannot grow it without limit.
/// </summary>
public sealed class ResponseCache(int capacity)
{
    private readonly ConcurrentDictionary<string, CachedJson> _entries = new(StringComparer.Ordinal);
    private int _count;

    public bool TryGet(string key, out CachedJson json) => _entries.TryGetValue(key, out json!);

    public CachedJson Add(string key, CachedJson json)
    {
        if (Volatile.Read(ref _count) < capacity && _entries.TryAdd(key, json))
        {
            Interlocked.Increment(ref _count);
        }

        return json;
    }
}
