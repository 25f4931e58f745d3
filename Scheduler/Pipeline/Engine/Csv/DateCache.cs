namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>
/// Parses YYYY-MM-DD strictly (a real calendar date, nothing else), remembering the last text it
/// parsed: rows come in runs of the same date, so most lines cost a 10-byte comparison.
/// </summary>
internal struct DateCache
{
    private ulong _head;
    private ushort _tail;
    private int _day;
    private bool _valid;
    private bool _primed;

    /// <returns>True and the date's day number when the text is a valid date.</returns>
    public bool TryParse(ReadOnlySpan<byte> text, out int dayNumber)
    {
        if (text.Length == 10)
        {
            var head = BitConverter.ToUInt64(text[..8]);
            var tail = BitConverter.ToUInt16(text[8..]);
            if (_primed && head == _head && tail == _tail)
            {
                dayNumber = _day;
                return _valid;
            }

            _valid = TryParseExact(text, out _day);
            (_head, _tail, _primed) = (head, tail, true);
            dayNumber = _day;
            return _valid;
        }

        dayNumber = 0;
        return false;
    }

    public static bool TryParseExact(ReadOnlySpan<byte> text, out int dayNumber)
    {
        dayNumber = 0;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-'
            || !Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        dayNumber = new DateOnly(year, month, day).DayNumber;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
