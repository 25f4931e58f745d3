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

    private readonly Dictionary<string, int> _offsets;

    private SnapshotDay(DateOnly date, DateTimeOffset publishedAt, byte[] body, string[] advertiserIds, Dictionary<string, int> offsets)
    {
        Date = date;
        PublishedAt = publishedAt;
        Body = body;
        AdvertiserIds = advertiserIds;
        _offsets = offsets;
    }

    public DateOnly Date { get; }

    /// <summary>When the date was published: a republished date is another publication and gets another body.</summary>
    public DateTimeOffset PublishedAt { get; }

    public byte[] Body { get; }

    /// <summary>Every advertiser active on the date or with recommendations on it, in ordinal order.</summary>
    public IReadOnlyList<string> AdvertiserIds { get; }

    /// <summary>Indexes a body: one pass over its records, reading only their ids and lengths.</summary>
    public static SnapshotDay Open(DateOnly date, DateTimeOffset publishedAt, byte[] body)
    {
        var reader = new BodyReader(body);
        var count = reader.ReadInt32();
        var ids = new string[count];
        var offsets = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var start = reader.Position;
            var length = reader.ReadInt32();
            ids[i] = reader.ReadString();
            offsets[ids[i]] = start;
            reader.Position = start + sizeof(int) + length;
        }

        return new SnapshotDay(date, publishedAt, body, ids, offsets);
    }

    public bool Contains(string advertiserId) => _offsets.ContainsKey(advertiserId);

    /// <summary>The advertiser's activity and list lengths, without decoding the lists.</summary>
    public bool TryReadTotals(string advertiserId, out AdvertiserTotals totals)
    {
        if (!_offsets.TryGetValue(advertiserId, out var offset))
        {
            totals = default;
            return false;
        }

        var reader = new BodyReader(Body) { Position = offset + sizeof(int) };
        reader.SkipString();
        totals = ReadTotals(ref reader);
        return true;
    }

    /// <summary>The advertiser's lists; <paramref name="models"/> chooses which to decode (the other comes back empty).</summary>
    public bool TryRead(string advertiserId, out AdvertiserOnDay lists, ModelSelection models = ModelSelection.Both)
    {
        if (!_offsets.TryGetValue(advertiserId, out var offset))
        {
            lists = null!;
            return false;
        }

        var reader = new BodyReader(Body) { Position = offset + sizeof(int) };
        reader.SkipString();
        var totals = ReadTotals(ref reader);
        var topCtr = new RecommendedProduct[models.HasFlag(ModelSelection.TopCtr) ? totals.TopCtrProducts : 0];
        for (var i = 0; i < totals.TopCtrProducts; i++)
        {
            var rank = (int)reader.ReadVarint();
            if (topCtr.Length == 0)
            {
                reader.SkipString();
                reader.ReadVarint();
                reader.ReadVarint();
                reader.ReadDouble();
                continue;
            }

            var product = reader.ReadString();
            var (clicks, impressions) = (reader.ReadVarint(), reader.ReadVarint());
            topCtr[i] = new RecommendedProduct(product, rank, reader.ReadDouble(), clicks, impressions);
        }

        var topProduct = new RecommendedProduct[models.HasFlag(ModelSelection.TopProduct) ? totals.TopProductProducts : 0];
        for (var i = 0; i < topProduct.Length; i++)
        {
            var rank = (int)reader.ReadVarint();
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
