using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>
/// The rules for one raw CSV line, applied to its bytes without allocating: the line-level checks
/// (size, UTF-8, column count), then the fields' (stray quote, empty id, overlong id, unknown type,
/// unparseable date); a row counts under the first reason that applies. A field quoted whole is
/// read without its quotes. A row whose date is valid but outside the run's dates is not looked at
/// further: it is another run's business. The same rules hold for Parquet input (digest_parquet.sql).
/// </summary>
internal sealed class CsvRowRules
{
    private const byte Quote = (byte)'"';

    private static readonly byte[] Impression = "impression"u8.ToArray();
    private static readonly byte[] Click = "click"u8.ToArray();

    private readonly ByteKeyIndex _active = new();
    private readonly int _firstDay;
    private readonly int _lastDay;

    public CsvRowRules(RawDataset dataset, IReadOnlyList<string> activeAdvertisers, DateOnly firstDate, DateOnly lastDate, int maxFieldLength, int maxLineSize)
    {
        HasType = dataset.HasType;
        Fields = dataset.HasType ? 4 : 3;
        foreach (var id in activeAdvertisers)
        {
            // Numbered in list order: an advertiser's number is its index in the list.
            _active.GetOrAdd(0, Encoding.UTF8.GetBytes(id));
        }

        _firstDay = firstDate.DayNumber;
        _lastDay = lastDate.DayNumber;
        FirstDate = firstDate;
        MaxFieldLength = maxFieldLength;
        MaxLineSize = maxLineSize;
    }

    public bool HasType { get; }

    /// <summary>An active advertiser's id, by its index in the list.</summary>
    public ReadOnlySpan<byte> Advertiser(int index) => _active.KeyAt(index);

    public int Fields { get; }

    public DateOnly FirstDate { get; }

    public int MaxFieldLength { get; }

    public int MaxLineSize { get; }

    /// <summary>Days from the first date to the last, inclusive.</summary>
    public int Days => _lastDay - _firstDay + 1;

    /// <summary>
    /// Classifies one line (without its line break). For a kept row, <paramref name="row"/> says
    /// which advertiser (index in the active list), day (index from the first date), product and
    /// event type; for a bad one, <paramref name="reason"/> says why.
    /// </summary>
    public LineKind Classify(ReadOnlySpan<byte> line, ref DateCache dates, out KeptRow row, out string? reason)
    {
        row = default;
        reason = null;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.IsEmpty)
        {
            return LineKind.Blank;
        }

        if (line.Length > MaxLineSize)
        {
            reason = BadRowReasons.OverlongField;
            return LineKind.Bad;
        }

        // Lines the reader cannot take apart count for this run unless they show a date of another day.
        Span<int> commas = stackalloc int[4];
        var separators = LineScan.Scan(line, commas, out var hasQuote, out var nonAscii);
        if (nonAscii && !Utf8.IsValid(line))
        {
            return Unsplittable(line, BadRowReasons.InvalidUtf8, out reason);
        }

        if (separators != Fields - 1)
        {
            return Unsplittable(line, BadRowReasons.WrongColumnCount, out reason);
        }

        var advertiserRange = new Range(0, commas[0]);
        var productRange = new Range(commas[0] + 1, commas[1]);
        var typeRange = HasType ? new Range(commas[1] + 1, commas[2]) : default;
        var dateRange = new Range(commas[Fields - 2] + 1, line.Length);
        if (hasQuote)
        {
            (advertiserRange, productRange, typeRange, dateRange) =
                (Unquoted(line, advertiserRange), Unquoted(line, productRange), Unquoted(line, typeRange), Unquoted(line, dateRange));
        }

        var advertiser = line[advertiserRange];
        var product = line[productRange];
        var type = line[typeRange];
        var dateText = line[dateRange];

        var dateValid = dates.TryParse(dateText, out var dayNumber);
        if (dateValid && (dayNumber < _firstDay || dayNumber > _lastDay))
        {
            return LineKind.OtherDate;
        }

        if (hasQuote && (advertiser.Contains(Quote) || product.Contains(Quote) || type.Contains(Quote) || dateText.Contains(Quote)))
        {
            reason = BadRowReasons.StrayQuote;
        }
        else if (advertiser.IsEmpty || product.IsEmpty)
        {
            reason = BadRowReasons.EmptyId;
        }
        else if (TooLong(advertiser, nonAscii) || TooLong(product, nonAscii))
        {
            reason = BadRowReasons.OverlongField;
        }
        else if (HasType && !type.SequenceEqual(Impression) && !type.SequenceEqual(Click))
        {
            reason = BadRowReasons.UnknownType;
        }
        else if (!dateValid)
        {
            reason = BadRowReasons.UnparseableDate;
        }

        if (reason is not null)
        {
            return LineKind.Bad;
        }

        var advertiserIndex = _active.IndexOf(0, advertiser);
        if (advertiserIndex < 0)
        {
            return LineKind.Inactive;
        }

        row = new KeptRow(advertiserIndex, dayNumber - _firstDay, productRange, HasType && type.SequenceEqual(Click));
        return LineKind.Kept;
    }

    private LineKind Unsplittable(ReadOnlySpan<byte> line, string why, out string? reason)
    {
        reason = why;
        if (FindDate(line) is { } day && (day < _firstDay || day > _lastDay))
        {
            reason = null;
            return LineKind.OtherDate;
        }

        return LineKind.Bad;
    }

    /// <summary>The day number of the first valid YYYY-MM-DD anywhere in the line, if any.</summary>
    private static int? FindDate(ReadOnlySpan<byte> line)
    {
        for (var i = 0; i + 10 <= line.Length; i++)
        {
            if (line[i + 4] == (byte)'-' && DateCache.TryParseExact(line.Slice(i, 10), out var day))
            {
                return day;
            }
        }

        return null;
    }

    /// <summary>The field without the quotes around it, when it is quoted whole.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Range Unquoted(ReadOnlySpan<byte> line, Range field)
    {
        var (start, length) = field.GetOffsetAndLength(line.Length);
        return length >= 2 && line[start] == Quote && line[start + length - 1] == Quote
            ? new Range(start + 1, start + length - 1)
            : field;
    }

    /// <summary>Longer than the limit in characters as DuckDB's length() counts them (code points).</summary>
    private bool TooLong(ReadOnlySpan<byte> field, bool nonAscii) =>
        field.Length > MaxFieldLength && (!nonAscii || CodePoints(field) > MaxFieldLength);

    /// <summary>Every byte that does not continue a UTF-8 sequence starts a code point.</summary>
    private static int CodePoints(ReadOnlySpan<byte> field)
    {
        var count = field.Length;
        foreach (var b in field)
        {
            if ((b & 0xC0) == 0x80)
            {
                count--;
            }
        }

        return count;
    }
}

/// <summary>
/// A kept row: the advertiser's index in the active list, the day's index from the first date,
/// where the product id lies in the line, and whether it is a click.
/// </summary>
internal readonly record struct KeptRow(int Advertiser, int Day, Range Product, bool IsClick);
