namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>One day's kept events: per (advertiser, product), impressions and clicks, or views.</summary>
internal sealed class DayEvents
{
    private long[] _first = new long[1024];
    private long[] _second = new long[1024];

    public ByteKeyIndex Products { get; } = new();

    public ReadOnlySpan<long> First => _first.AsSpan(0, Products.Count);

    public ReadOnlySpan<long> Second => _second.AsSpan(0, Products.Count);

    /// <summary>Counts events of a product: into the first sum (impressions or views) or the second (clicks).</summary>
    public void Add(int advertiser, ReadOnlySpan<byte> product, long first, long second)
    {
        var index = Products.GetOrAdd(advertiser, product);
        if (index == _first.Length)
        {
            Array.Resize(ref _first, _first.Length * 2);
            Array.Resize(ref _second, _second.Length * 2);
        }

        _first[index] += first;
        _second[index] += second;
    }

    /// <summary>Adds another thread's events of the same day.</summary>
    public void Merge(DayEvents other)
    {
        for (var i = 0; i < other.Products.Count; i++)
        {
            Add(other.Products.GroupAt(i), other.Products.KeyAt(i), other._first[i], other._second[i]);
        }
    }
}
