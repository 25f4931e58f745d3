namespace Recommender.Scheduler.SampleData;

/// <summary>
/// The advertisers and product catalogs behind a spec, drawn from its seed: ids, which advertisers
/// are active, how popular each advertiser and product is, and how clickable each product is.
/// </summary>
public sealed class SampleCatalog
{
    private const string AdvertiserAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string ProductAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    // Popularity follows Zipf's law; a day's popularity drifts around it so rankings move from day to day.
    private const double AdvertiserSkew = 1.0;
    private const double ProductSkew = 1.1;
    private const double DailyDrift = 0.35;

    private readonly SampleDataSpec _spec;

    // exp(DailyDrift * z) for z at evenly spaced quantiles of the standard normal: a day's drift
    // factor is one table lookup instead of a Gaussian draw and an exponential.
    private static readonly double[] DriftFactors = [.. Enumerable.Range(0, 4096)
        .Select(i => Math.Exp(DailyDrift * NormalQuantile((i + 0.5) / 4096)))];

    public SampleCatalog(SampleDataSpec spec)
    {
        _spec = spec;
        var random = Xoshiro256.ForStream(spec.Seed, stream: 1);
        var advertiserCount = spec.ActiveAdvertisers + spec.InactiveAdvertisers;

        AdvertiserIds = UniqueIds(ref random, advertiserCount, 20, AdvertiserAlphabet);

        // Which advertisers are active, and who is popular, are independent draws.
        var order = Shuffled(ref random, advertiserCount);
        IsActive = new bool[advertiserCount];
        foreach (var index in order.Take(spec.ActiveAdvertisers))
        {
            IsActive[index] = true;
        }

        var rank = Shuffled(ref random, advertiserCount);
        var zipf = AliasTable.ZipfWeights(advertiserCount, AdvertiserSkew);
        Advertisers = new AliasTable([.. rank.Select(r => zipf[r])]);
        AdvertiserBytes = [.. AdvertiserIds.Select(id => System.Text.Encoding.ASCII.GetBytes(id + ","))];
        ProductBytes = new byte[advertiserCount][];

        ProductIds = new string[advertiserCount][];
        ProductWeights = new double[advertiserCount][];
        Appeal = new double[advertiserCount][];
        var productZipf = AliasTable.ZipfWeights(spec.ProductsPerAdvertiser, ProductSkew);
        for (var a = 0; a < advertiserCount; a++)
        {
            var products = Xoshiro256.ForStream(spec.Seed, stream: 2, substream: (ulong)a);
            ProductIds[a] = UniqueIds(ref products, spec.ProductsPerAdvertiser, 6, ProductAlphabet);
            ProductBytes[a] = System.Text.Encoding.ASCII.GetBytes(string.Concat(ProductIds[a].Select(id => id + ",")));
            var productRank = Shuffled(ref products, spec.ProductsPerAdvertiser);
            ProductWeights[a] = [.. productRank.Select(r => productZipf[r])];

            // Clickability around 1, scaled so the popularity-weighted mean is exactly 1: the overall
            // click share then matches the spec.
            var appeal = Enumerable.Range(0, spec.ProductsPerAdvertiser).Select(_ => 0.25 + (1.5 * products.NextDouble())).ToArray();
            var weightedMean = appeal.Zip(ProductWeights[a], (x, w) => x * w).Sum() / ProductWeights[a].Sum();
            Appeal[a] = [.. appeal.Select(x => x / weightedMean)];
        }
    }

    public string[] AdvertiserIds { get; }

    public bool[] IsActive { get; }

    public AliasTable Advertisers { get; }

    /// <summary>Each advertiser id followed by a comma, as written to CSV.</summary>
    public byte[][] AdvertiserBytes { get; }

    /// <summary>Per advertiser, all product ids back to back, each followed by a comma (<see cref="ProductIdWidth"/> bytes).</summary>
    public byte[][] ProductBytes { get; }

    public const int ProductIdWidth = 7;

    public string[][] ProductIds { get; }

    /// <summary>Click probability multiplier per advertiser and product.</summary>
    public double[][] Appeal { get; }

    private double[][] ProductWeights { get; }

    public IEnumerable<string> ActiveAdvertiserIds => AdvertiserIds.Where((_, i) => IsActive[i]);

    /// <summary>The product popularity of each advertiser on one day (index = days since the start).</summary>
    public AliasTable[] ProductsOn(int dayIndex)
    {
        var tables = new AliasTable[AdvertiserIds.Length];
        var weights = new double[_spec.ProductsPerAdvertiser];
        for (var a = 0; a < tables.Length; a++)
        {
            var drift = Xoshiro256.ForStream(_spec.Seed, stream: 3, substream: ((ulong)dayIndex << 32) | (uint)a);
            var baseline = ProductWeights[a];
            for (var p = 0; p < weights.Length; p++)
            {
                weights[p] = baseline[p] * DriftFactors[drift.NextInt(DriftFactors.Length)];
            }

            tables[a] = new AliasTable(weights);
        }

        return tables;
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, ample for sample data).</summary>
    private static double NormalQuantile(double p)
    {
        double[] a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239];
        double[] b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
        double[] c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
        double[] d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            return -NormalQuantile(1 - p);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    private static string[] UniqueIds(ref Xoshiro256 random, int count, int length, string alphabet)
    {
        var ids = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Span<char> buffer = stackalloc char[length];
        while (ids.Count < count)
        {
            for (var i = 0; i < length; i++)
            {
                buffer[i] = alphabet[random.NextInt(alphabet.Length)];
            }

            var id = new string(buffer);
            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    private static int[] Shuffled(ref Xoshiro256 random, int count)
    {
        var items = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }
}
