using System.Collections.Concurrent;

namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>
/// Reads a dataset's CSV files in one pass on all threads: files are cut into byte ranges at line
/// boundaries, each thread classifies whole lines and sums the kept events per day, advertiser and
/// product, and the sums go to DuckDB as small CSV parts (one per day, each key once, unless a
/// thread outgrew its key budget and spilled parts of its own). Malformed rows keep their file's
/// key and line number. This is the pipeline's hot loop: ids are matched as bytes, dates parsed
/// once per distinct text, and nothing is allocated per row.
/// </summary>
internal static class CsvDigester
{
    private const long RangeSize = 32L << 20;

    /// <param name="keysPerThread">Distinct (day, advertiser, product) keys a thread sums in memory before it spills to parts.</param>
    public static CsvDigest Digest(
        IReadOnlyList<InputFile> files, CsvRowRules rules, int threads, long keysPerThread, string partsDirectory,
        CancellationToken cancellationToken, Action<long>? bytesRead = null)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken };

        // Files in key order, so samples come out in the order of their objects and lines.
        var ordered = files.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var handles = ordered.Select(f => File.OpenHandle(f.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan)).ToList();
        var workers = new ConcurrentBag<DigestWorker>();
        try
        {
            // Exactly one worker per thread, taking ranges in file order: a day's rows then sit in few workers.
            var ranges = ordered.SelectMany((_, index) => Ranges(index, RandomAccess.GetLength(handles[index]))).ToList();
            var next = -1;
            Parallel.For(0, Math.Min(options.MaxDegreeOfParallelism, ranges.Count), options, _ =>
            {
                var worker = new DigestWorker(rules, keysPerThread, partsDirectory);
                for (var i = Interlocked.Increment(ref next); i < ranges.Count; i = Interlocked.Increment(ref next))
                {
                    worker.Read(handles[ranges[i].File], ranges[i], cancellationToken);
                    bytesRead?.Invoke(ranges[i].End - ranges[i].Start);
                }

                workers.Add(worker);
            });
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }

        Directory.CreateDirectory(partsDirectory);
        var parts = new ConcurrentBag<string>(workers.SelectMany(w => w.SpilledParts));
        Parallel.For(0, rules.Days, options, day =>
        {
            DayEvents? merged = null;
            foreach (var worker in workers)
            {
                if (worker.Days[day] is { } events)
                {
                    if (merged is null)
                    {
                        merged = events;
                    }
                    else
                    {
                        merged.Merge(events);
                    }
                }
            }

            if (merged is not null)
            {
                var path = Path.Combine(partsDirectory, $"day-{day:D5}.csv");
                merged.WriteCsv(path, rules.FirstDate.AddDays(day), rules);
                parts.Add(path);
            }
        });

        return new CsvDigest(
            workers.Sum(w => w.RowsRead),
            workers.Sum(w => w.RowsKept),
            Reasons(ordered, workers),
            [.. parts.Order(StringComparer.Ordinal)],
            KeysUnique: workers.All(w => w.SpilledParts.Count == 0));
    }

    private static IEnumerable<CsvRange> Ranges(int file, long length)
    {
        var index = 0;
        for (var start = 0L; start < length || index == 0; start += RangeSize)
        {
            yield return new CsvRange(file, index++, start, Math.Min(length, start + RangeSize));
        }
    }

    /// <summary>Each reason's count and first samples, with line numbers counted from the start of each file.</summary>
    private static List<BadRowReason> Reasons(List<InputFile> files, IEnumerable<DigestWorker> workers)
    {
        var lines = workers.SelectMany(w => w.LinesPerRange).ToDictionary(e => e.Key, e => e.Value);
        long LinesBefore(int file, int range) => Enumerable.Range(0, range).Sum(r => lines[(file, r)]);

        var tallies = new Dictionary<string, BadRowTally>(StringComparer.Ordinal);
        foreach (var (reason, tally) in workers.SelectMany(w => w.Bad))
        {
            if (!tallies.TryGetValue(reason, out var merged))
            {
                tallies[reason] = merged = new BadRowTally();
            }

            merged.Merge(tally);
        }

        return [.. tallies.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new BadRowReason(
            t.Key,
            t.Value.Count,
            [.. t.Value.Samples.Select(s => new BadRowSample(files[s.File].Key, LinesBefore(s.File, s.Range) + s.Line, s.Text))]))];
    }
}
