using System.Buffers.Binary;
using System.Text;
using Recommender.Contracts;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// One published date in memory, kept as the compact body stored in <c>snapshot_days</c> and decoded per
/// request: a few bytes per product instead of objects or serialized JSON, so every retained date fits.
/// The body is an <c>int32</c> count, then one record per advertiser in ordinal id order (see <see cref="SnapshotDayWriter"/>).
/// </summary>
public sealed class SnapshotDay
{
    /// <summary>The body's layout; a stored body of another format is rebuilt from the model tables.</summary>
    public const short Format = 1;

    private readonly Dictionary<string, int> _indexes;
    private readonly int[] _offsets;

    private SnapshotDay(DateOnly date, long version, byte[] body, string[] advertiserIds, Dictionary<string, int> indexes, int[] offsets)
    {
        Date = date;
        Version = version;
        Body = body;
        AdvertiserIds = advertiserIds;
        _indexes = indexes;
        _offsets = offsets;
    }

    public DateOnly Date { get; }

    /// <summary>The date's published_dates row version the body was made from: any write to the row makes it stale.</summary>
    public long Version { get; }

    public byte[] Body { get; }

    /// <summary>Every advertiser active on the date or with recommendations on it, in ordinal order.</summary>
    public IReadOnlyList<string> AdvertiserIds { get; }

    /// <summary>Indexes a body: one pass over its records, reading only their ids and lengths.</summary>
    public static SnapshotDay Open(DateOnly date, long version, byte[] body)
    {
        var reader = new BodyReader(body);
        var count = reader.ReadInt32();
        var ids = new string[count];
        var indexes = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var offsets = new int[count];
        for (var i = 0; i < count; i++)
        {
            var start = offsets[i] = reader.Position;
            var length = reader.ReadInt32();
            ids[i] = reader.ReadString();
            indexes[ids[i]] = i;
            reader.Position = start + sizeof(int) + length;
        }

        return new SnapshotDay(date, version, body, ids, indexes, offsets);
    }

    /// <summary>The advertiser's place in <see cref="AdvertiserIds"/>.</summary>
    public bool TryIndexOf(string advertiserId, out int index) => _indexes.TryGetValue(advertiserId, out index);

    /// <summary>The advertiser's activity and list lengths, without decoding the lists.</summary>
    public bool TryReadTotals(string advertiserId, out AdvertiserTotals totals)
    {
        if (!_indexes.TryGetValue(advertiserId, out var index))
        {
            totals = default;
            return false;
        }

        var reader = new BodyReader(Body) { Position = _offsets[index] + sizeof(int) };
        reader.SkipString();
        totals = ReadTotals(ref reader);
        return true;
    }

    /// <summary>The advertiser's lists; <paramref name="models"/> chooses which to decode (the other comes back empty).</summary>
    public bool TryRead(string advertiserId, out AdvertiserOnDay lists, ModelSelection models = ModelSelection.Both)
    {
        if (!_indexes.TryGetValue(advertiserId, out var index))
        {
            lists = null!;
            return false;
        }

        var reader = new BodyReader(Body) { Position = _offsets[index] + sizeof(int) };
        reader.SkipString();
        var totals = ReadTotals(ref reader);
        var layout = (SnapshotDayWriter.Layout)reader.ReadByte();
        var (ctrRanks, productRanks, ctrStored) = (
            !layout.HasFlag(SnapshotDayWriter.Layout.TopCtrRanksInOrder),
            !layout.HasFlag(SnapshotDayWriter.Layout.TopProductRanksInOrder),
            !layout.HasFlag(SnapshotDayWriter.Layout.CtrIsClicksOverImpressions));
        var topCtr = new RecommendedProduct[models.HasFlag(ModelSelection.TopCtr) ? totals.TopCtrProducts : 0];
        for (var i = 0; i < totals.TopCtrProducts; i++)
        {
            var rank = ctrRanks ? (int)reader.ReadVarint() : i + 1;
            if (topCtr.Length == 0)
            {
                reader.SkipString();
                reader.ReadVarint();
                reader.ReadVarint();
                reader.Position += ctrStored ? sizeof(double) : 0;
                continue;
            }

            var product = reader.ReadString();
            var (clicks, impressions) = (reader.ReadVarint(), reader.ReadVarint());
            var ctr = ctrStored ? reader.ReadDouble() : SnapshotDayWriter.Ctr(clicks, impressions);
            topCtr[i] = new RecommendedProduct(product, rank, ctr, clicks, impressions);
        }

        var topProduct = new RecommendedProduct[models.HasFlag(ModelSelection.TopProduct) ? totals.TopProductProducts : 0];
        for (var i = 0; i < topProduct.Length; i++)
        {
            var rank = productRanks ? (int)reader.ReadVarint() : i + 1;
            var product = reader.ReadString();
            var views = reader.ReadVarint();
            topProduct[i] = new RecommendedProduct(product, rank, views, Views: views);
        }

        lists = new AdvertiserOnDay(advertiserId, Date, totals, topCtr, topProduct);
        return true;
    }

    private static AdvertiserTotals ReadTotals(ref BodyReader reader) => new(
        reader.ReadBoolean(), reader.ReadVarint(), reader.ReadVarint(), reader.ReadVarint(), (int)reader.ReadVarint(), (int)reader.ReadVarint());

    /// <summary>Reads what <see cref="BinaryWriter"/> wrote: little-endian numbers, 7-bit varints, length-prefixed UTF-8.</summary>
    private ref struct BodyReader(ReadOnlySpan<byte> body)
    {
        private readonly ReadOnlySpan<byte> _body = body;

        public int Position { get; set; }

        public int ReadInt32()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(_body[Position..]);
            Position += sizeof(int);
            return value;
        }

        public double ReadDouble()
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(_body[Position..]);
            Position += sizeof(double);
            return value;
        }

        public bool ReadBoolean() => _body[Position++] != 0;

        public byte ReadByte() => _body[Position++];

        public long ReadVarint()
        {
            long value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _body[Position++];
                value |= (long)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        public string ReadString()
        {
            var length = (int)ReadVarint();
            var value = Encoding.UTF8.GetString(_body.Slice(Position, length));
            Position += length;
            return value;
        }

        public void SkipString()
        {
            var length = (int)ReadVarint();
            Position += length;
        }
    }
}
