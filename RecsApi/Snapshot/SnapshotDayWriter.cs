using Recommender.Contracts;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// Writes the body of a <see cref="SnapshotDay"/>. Per advertiser, in ordinal id order: the record's length
/// (int32), id, active flag, impressions, clicks and views, the two list lengths, then the top_ctr rows
/// (rank, product, clicks, impressions, ctr as a double) and the top_product rows (rank, product, views).
/// Whole numbers are 7-bit varints and strings length-prefixed UTF-8, as <see cref="BinaryWriter"/> writes them.
/// </summary>
public static class SnapshotDayWriter
{
    /// <summary>The body of <paramref name="advertisers"/>, which must be in ordinal id order.</summary>
    public static byte[] Write(IReadOnlyList<AdvertiserOnDay> advertisers)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(advertisers.Count);
        foreach (var advertiser in advertisers)
        {
            var start = stream.Position;
            writer.Write(0);
            writer.Write(advertiser.AdvertiserId);
            var totals = advertiser.Totals;
            writer.Write(totals.Active);
            writer.Write7BitEncodedInt64(totals.Impressions);
            writer.Write7BitEncodedInt64(totals.Clicks);
            writer.Write7BitEncodedInt64(totals.Views);
            writer.Write7BitEncodedInt(advertiser.TopCtr.Count);
            writer.Write7BitEncodedInt(advertiser.TopProduct.Count);
            foreach (var row in advertiser.TopCtr)
            {
                writer.Write7BitEncodedInt(row.Rank);
                writer.Write(row.ProductId);
                writer.Write7BitEncodedInt64(row.Clicks ?? 0);
                writer.Write7BitEncodedInt64(row.Impressions ?? 0);
                writer.Write(row.Score);
            }

            foreach (var row in advertiser.TopProduct)
            {
                writer.Write7BitEncodedInt(row.Rank);
                writer.Write(row.ProductId);
                writer.Write7BitEncodedInt64(row.Views ?? 0);
            }

            var end = stream.Position;
            stream.Position = start;
            writer.Write((int)(end - start - sizeof(int)));
            stream.Position = end;
        }

        writer.Flush();
        return stream.ToArray();
    }
}
