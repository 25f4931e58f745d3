using Microsoft.Win32.SafeHandles;

namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>
/// One thread's share of a dataset's CSV: it classifies the lines of the ranges it is given and
/// adds up the kept rows' events per (advertiser, day, product), so memory grows with the number
/// of distinct products, not rows. Past <paramref name="keyBudget"/> distinct products it writes
/// its sums to CSV parts in <paramref name="spillDirectory"/> and starts afresh, so a day with
/// more products than memory holds is summed on disk (by DuckDB) instead of failing.
/// </summary>
internal sealed class DigestWorker(CsvRowRules rules, long keyBudget, string spillDirectory)
{
    public const int MaxDays = 1 << 12;

    private readonly byte[] _buffer = new byte[Math.Max(4 << 20, 2 * (rules.MaxLineSize + 1))];
    private DateCache _dates;
    private long _keys;

    /// <summary>Kept events per day (index from the run's first date); a day's table stays small enough for the cache.</summary>
    public DayEvents?[] Days { get; } = new DayEvents?[rules.Days];

    public long RowsRead { get; private set; }

    public long RowsKept { get; private set; }

    public Dictionary<string, BadRowTally> Bad { get; } = new(StringComparer.Ordinal);

    /// <summary>CSV parts written when the sums outgrew the key budget; their keys repeat across parts.</summary>
    public List<string> SpilledParts { get; } = [];

    /// <summary>Lines that start in each range this worker read (the header included), to number lines afterwards.</summary>
    public Dictionary<(int File, int Range), long> LinesPerRange { get; } = [];

    public void Read(SafeFileHandle file, CsvRange range, CancellationToken cancellationToken)
    {
        var reader = new LineReader(file, range.Start, range.End, rules.MaxLineSize, _buffer);
        long line = 0;
        while (reader.TryRead(out var text, out var overlong))
        {
            line++;
            if ((line & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (range.Start == 0 && line == 1)
            {
                continue; // the header
            }

            KeptRow row = default;
            string? reason = BadRowReasons.OverlongField;
            var kind = overlong ? LineKind.Bad : rules.Classify(text, ref _dates, out row, out reason);
            switch (kind)
            {
                case LineKind.Kept:
                    RowsRead++;
                    RowsKept++;
                    Count(row, text);
                    break;
                case LineKind.Inactive:
                    RowsRead++;
                    break;
                case LineKind.Bad:
                    RowsRead++;
                    Tally(reason!).Add(range.File, range.Index, line, text);
                    break;
            }
        }

        LinesPerRange[(range.File, range.Index)] = line;
    }

    private void Count(KeptRow row, ReadOnlySpan<byte> line)
    {
        var day = Days[row.Day] ??= new DayEvents();
        if (day.Add(row.Advertiser, line[row.Product], row.IsClick ? 0 : 1, row.IsClick ? 1 : 0) && ++_keys > keyBudget)
        {
            Spill();
        }
    }

    private void Spill()
    {
        Directory.CreateDirectory(spillDirectory);
        for (var day = 0; day < Days.Length; day++)
        {
            if (Days[day] is { } events)
            {
                var path = Path.Combine(spillDirectory, $"spill-{Guid.NewGuid():N}.csv");
                events.WriteCsv(path, rules.FirstDate.AddDays(day), rules);
                SpilledParts.Add(path);
                Days[day] = null;
            }
        }

        _keys = 0;
    }

    private BadRowTally Tally(string reason)
    {
        if (!Bad.TryGetValue(reason, out var tally))
        {
            Bad[reason] = tally = new BadRowTally();
        }

        return tally;
    }
}
