using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>One day's kept events: per (advertiser, product), impressions and clicks, or views.</summary>
internal sealed class DayEvents
{
    private long[] _first = new long[1024];
    private long[] _second = new long[1024];

    public ByteKeyIndex Products { get; } = new();

    /// <summary>Counts events of a product: into the first sum (impressions or views) or the second (clicks).</summary>
    /// <returns>Whether the product is new to the day.</returns>
    public bool Add(int advertiser, ReadOnlySpan<byte> product, long first, long second)
    {
        var count = Products.Count;
        var index = Products.GetOrAdd(advertiser, product);
        if (index == _first.Length)
        {
            Array.Resize(ref _first, _first.Length * 2);
            Array.Resize(ref _second, _second.Length * 2);
        }

        _first[index] += first;
        _second[index] += second;
        return Products.Count != count;
    }

    /// <summary>Writes one line per (advertiser, product): date,advertiser_id,product_id,first,second.</summary>
    public void WriteCsv(string path, DateOnly date, CsvRowRules rules)
    {
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var day = Encoding.ASCII.GetBytes(date.ToString("yyyy-MM-dd,", CultureInfo.InvariantCulture));
        Span<byte> number = stackalloc byte[24];
        for (var i = 0; i < Products.Count; i++)
        {
            output.Write(day);
            output.Write(rules.Advertiser(Products.GroupAt(i)));
            output.WriteByte((byte)',');
            output.Write(Products.KeyAt(i));
            output.WriteByte((byte)',');
            Utf8Formatter.TryFormat(_first[i], number, out var written);
            output.Write(number[..written]);
            output.WriteByte((byte)',');
            Utf8Formatter.TryFormat(_second[i], number, out written);
            output.Write(number[..written]);
            output.WriteByte((byte)'\n');
        }
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
