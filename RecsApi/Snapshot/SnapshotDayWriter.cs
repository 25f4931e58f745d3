using Recommender.Contracts;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// Writes the body of a <see cref="SnapshotDay"/>. Per advertiser, in ordinal id order: the record's length
/// (int32), id, active flag, impressions, clicks and views, the two list lengths, a <see cref="Layout"/> byte,
/// then the top_ctr rows (rank, product, clicks, impressions, ctr as a double) and the top_product rows (rank,
/// product, views). The layout leaves out ranks that are 1, 2, 3… and CTRs that are exactly clicks / impressions,
/// which is most of a body. Whole numbers are 7-bit varints and strings length-prefixed UTF-8, as
/// <see cref="BinaryWriter"/> writes them.
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
            var layout = LayoutOf(advertiser);
            writer.Write((byte)layout);
            foreach (var row in advertiser.TopCtr)
            {
                if (!layout.HasFlag(Layout.TopCtrRanksInOrder))
                {
                    writer.Write7BitEncodedInt(row.Rank);
                }

                writer.Write(row.ProductId);
                writer.Write7BitEncodedInt64(row.Clicks ?? 0);
                writer.Write7BitEncodedInt64(row.Impressions ?? 0);
                if (!layout.HasFlag(Layout.CtrIsClicksOverImpressions))
                {
                    writer.Write(row.Score);
                }
            }

            foreach (var row in advertiser.TopProduct)
            {
                if (!layout.HasFlag(Layout.TopProductRanksInOrder))
                {
                    writer.Write7BitEncodedInt(row.Rank);
                }

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

    /// <summary>What a record leaves out because it can be computed.</summary>
    [Flags]
    public enum Layout : byte
    {
        None = 0,
        TopCtrRanksInOrder = 1,
        TopProductRanksInOrder = 2,
        CtrIsClicksOverImpressions = 4,
    }

    /// <summary>The CTR the reader computes when the record leaves it out.</summary>
    public static double Ctr(long clicks, long impressions) => (double)clicks / impressions;

    private static Layout LayoutOf(AdvertiserOnDay advertiser)
    {
        var layout = Layout.None;
        if (InOrder(advertiser.TopCtr))
        {
            layout |= Layout.TopCtrRanksInOrder;
        }

        if (InOrder(advertiser.TopProduct))
        {
            layout |= Layout.TopProductRanksInOrder;
        }

        // Compared bit for bit, so a CTR the pipeline computed otherwise is kept as it is.
        if (advertiser.TopCtr.All(r => BitConverter.DoubleToInt64Bits(r.Score) == BitConverter.DoubleToInt64Bits(Ctr(r.Clicks ?? 0, r.Impressions ?? 1))))
        {
            layout |= Layout.CtrIsClicksOverImpressions;
        }

        return layout;
    }

    private static bool InOrder(IReadOnlyList<RecommendedProduct> rows) => rows.Select((r, i) => r.Rank == i + 1).All(inOrder => inOrder);
}
