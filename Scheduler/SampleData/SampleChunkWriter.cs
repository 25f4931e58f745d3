using System.Text;

namespace Recommender.Scheduler.SampleData;

/// <summary>Writes one chunk of CSV rows (no header) for one dataset and day, straight as bytes.</summary>
internal static class SampleChunkWriter
{
    private const int BufferSize = 1 << 20;

    public static void Write(
        Stream output, SampleCatalog catalog, AliasTable[] productsToday, string dataset, DateOnly day,
        long rows, double clickShare, ref Xoshiro256 random, Action<long> progress)
    {
        var advertiserBytes = catalog.AdvertiserBytes;
        var productBytes = catalog.ProductBytes;
        const int productWidth = SampleCatalog.ProductIdWidth;
        var date = $"{day:yyyy-MM-dd}\n";
        var impression = Encoding.ASCII.GetBytes("impression," + date);
        var click = Encoding.ASCII.GetBytes("click," + date);
        var view = Encoding.ASCII.GetBytes(date);
        var isAds = dataset == SampleDataGenerator.AdsViews;

        var buffer = new byte[BufferSize];
        var used = 0;
        var sinceReport = 0L;
        for (var row = 0L; row < rows; row++)
        {
            var advertiser = catalog.Advertisers.Sample(ref random);
            var product = productsToday[advertiser].Sample(ref random);
            var tail = !isAds ? view
                : random.NextDouble() < clickShare * catalog.Appeal[advertiser][product] ? click : impression;

            var a = advertiserBytes[advertiser];
            if (used + a.Length + productWidth + tail.Length > buffer.Length)
            {
                output.Write(buffer, 0, used);
                used = 0;
            }

            a.CopyTo(buffer, used);
            used += a.Length;
            productBytes[advertiser].AsSpan(product * productWidth, productWidth).CopyTo(buffer.AsSpan(used));
            used += productWidth;
            tail.CopyTo(buffer, used);
            used += tail.Length;

            if (++sinceReport == 100_000)
            {
                progress(sinceReport);
                sinceReport = 0;
            }
        }

        output.Write(buffer, 0, used);
        progress(sinceReport);
    }
}
