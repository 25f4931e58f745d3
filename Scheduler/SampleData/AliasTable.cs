namespace Recommender.Scheduler.SampleData;

/// <summary>
/// Walker's alias method: draws index i with probability weight[i] / sum in constant time, with
/// one random number per draw. Entries are 8 bytes, so large catalogs stay cache-friendly.
/// </summary>
public sealed class AliasTable
{
    private readonly Entry[] _entries;

    private readonly record struct Entry(uint Threshold, int Alias);

    public AliasTable(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        if (n == 0)
        {
            throw new ArgumentException("At least one weight is needed.", nameof(weights));
        }

        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var scaled = new double[n];
        var small = new int[n];
        var large = new int[n];
        int smallCount = 0, largeCount = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1.0)
            {
                small[smallCount++] = i;
            }
            else
            {
                large[largeCount++] = i;
            }
        }

        _entries = new Entry[n];
        while (smallCount > 0 && largeCount > 0)
        {
            var less = small[--smallCount];
            var more = large[--largeCount];
            _entries[less] = new Entry(ToThreshold(scaled[less]), more);
            scaled[more] = scaled[more] + scaled[less] - 1.0;
            if (scaled[more] < 1.0)
            {
                small[smallCount++] = more;
            }
            else
            {
                large[largeCount++] = more;
            }
        }

        // What is left is 1 up to rounding.
        while (smallCount > 0)
        {
            var i = small[--smallCount];
            _entries[i] = new Entry(uint.MaxValue, i);
        }

        while (largeCount > 0)
        {
            var i = large[--largeCount];
            _entries[i] = new Entry(uint.MaxValue, i);
        }
    }

    public int Count => _entries.Length;

    public int Sample(ref Xoshiro256 random)
    {
        // High 32 bits pick the column, low 32 bits decide between it and its alias.
        var bits = random.NextUInt64();
        var column = (int)(((bits >> 32) * (ulong)_entries.Length) >> 32);
        var entry = _entries[column];
        return (uint)bits <= entry.Threshold ? column : entry.Alias;
    }

    private static uint ToThreshold(double probability) =>
        probability >= 1.0 ? uint.MaxValue : (uint)(probability * 4294967296.0);

    /// <summary>Zipf-like weights 1/(rank^exponent): a few items take most of the traffic.</summary>
    public static double[] ZipfWeights(int count, double exponent) =>
        [.. Enumerable.Range(1, count).Select(rank => 1.0 / Math.Pow(rank, exponent))];
}
