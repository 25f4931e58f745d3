using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DuckDB.NET.Data;

namespace Recommender.Scheduler.SampleData;

/// <summary>Progress of one dataset: rows written so far out of the total.</summary>
public sealed record SampleProgress(string Dataset, long RowsDone, long RowsTotal);

public sealed record SampleDataResult(IReadOnlyList<string> Keys, long RowsPerDataset, TimeSpan Elapsed);

/// <summary>
/// Generates raw logs shaped like production's: advertiser_ids.csv, ads_views and product_views.
/// Work is cut into fixed chunks of rows, each with its own random stream, so the output depends
/// on the spec alone — not on thread count or timing — and chunks run in parallel.
/// </summary>
public sealed class SampleDataGenerator
{
    public const string AdsViews = "ads_views";
    public const string ProductViews = "product_views";
    public static readonly string[] Datasets = [AdsViews, ProductViews];

    private const long ChunkRows = 1_000_000;

    public async Task<SampleDataResult> GenerateAsync(
        SampleDataSpec spec, ISampleDataTarget target, IProgress<SampleProgress>? progress, CancellationToken cancellationToken)
    {
        if (spec.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(spec));
        }

        var clock = Stopwatch.StartNew();
        var catalog = new SampleCatalog(spec);
        var staging = Directory.CreateDirectory(Path.Combine(target.StagingParent, $".recs-staging-{Guid.NewGuid():N}"));
        try
        {
            var chunks = WriteChunks(spec, catalog, staging.FullName, progress, cancellationToken);
            var files = new List<(string Key, string Path)> { (spec.AdvertiserIdsKey, WriteAdvertiserIds(catalog, staging.FullName)) };
            files.AddRange(Assemble(spec, chunks, staging.FullName, cancellationToken));

            await Parallel.ForEachAsync(
                files,
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (file, token) => await target.WriteAsync(file.Key, file.Path, token));

            return new SampleDataResult([.. files.Select(f => f.Key)], spec.RowsPerDataset, clock.Elapsed);
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    private sealed record Chunk(string Dataset, int DayIndex, int Index, long Rows)
    {
        public string FileName => $"{Dataset}-{DayIndex:D5}-{Index:D5}.part";
    }

    /// <summary>Writes every chunk (CSV rows without header; gzip members for csv.gz) and returns them in output order.</summary>
    private static List<Chunk> WriteChunks(
        SampleDataSpec spec, SampleCatalog catalog, string staging, IProgress<SampleProgress>? progress, CancellationToken cancellationToken)
    {
        var chunksPerDay = (int)Math.Max(1, (spec.RowsPerDay + ChunkRows - 1) / ChunkRows);
        var chunks = (
            from dataset in Datasets
            from day in Enumerable.Range(0, spec.Days)
            from index in Enumerable.Range(0, chunksPerDay)
            select new Chunk(dataset, day, index, Math.Min(ChunkRows, spec.RowsPerDay - (index * ChunkRows)))).ToList();

        // A day's product popularity is shared by its chunks and dropped when the last of them is done.
        var tables = new ConcurrentDictionary<int, Lazy<AliasTable[]>>();
        var pending = Enumerable.Range(0, spec.Days).ToDictionary(day => day, _ => chunksPerDay * Datasets.Length);
        var done = Datasets.ToDictionary(dataset => dataset, _ => 0L);

        // Day-major order keeps few days' tables alive at once.
        var schedule = chunks.OrderBy(c => c.DayIndex).ThenBy(c => c.Index).ThenBy(c => c.Dataset, StringComparer.Ordinal);
        Parallel.ForEach(
            schedule,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            chunk =>
            {
                var today = tables.GetOrAdd(chunk.DayIndex, day => new Lazy<AliasTable[]>(() => catalog.ProductsOn(day))).Value;
                var random = Xoshiro256.ForStream(
                    spec.Seed, stream: chunk.Dataset == AdsViews ? 10UL : 11UL, substream: ((ulong)chunk.DayIndex << 32) | (uint)chunk.Index);

                using (var file = new FileStream(Path.Combine(staging, chunk.FileName), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                using (var output = spec.Format == SampleFormat.CsvGz ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file)
                {
                    SampleChunkWriter.Write(
                        output, catalog, today, chunk.Dataset, spec.StartDate.AddDays(chunk.DayIndex), chunk.Rows, spec.ClickShare, ref random,
                        rows =>
                        {
                            long total;
                            lock (done)
                            {
                                total = done[chunk.Dataset] += rows;
                            }

                            progress?.Report(new SampleProgress(chunk.Dataset, total, spec.RowsPerDataset));
                        });
                }

                lock (pending)
                {
                    if (--pending[chunk.DayIndex] == 0)
                    {
                        tables.TryRemove(chunk.DayIndex, out _);
                    }
                }
            });

        return chunks;
    }

    /// <summary>Joins chunks into the files of the layout: one per dataset and day, or one per dataset.</summary>
    private static IEnumerable<(string Key, string Path)> Assemble(
        SampleDataSpec spec, List<Chunk> chunks, string staging, CancellationToken cancellationToken)
    {
        var groups = chunks
            .GroupBy(c => spec.DataKey(c.Dataset, spec.StartDate.AddDays(c.DayIndex)))
            .Select(g => (Key: g.Key, Dataset: g.First().Dataset, Parts: g.Select(c => Path.Combine(staging, c.FileName)).ToList()))
            .ToList();

        var assembled = new ConcurrentBag<(string Key, string Path)>();
        Parallel.ForEach(
            groups,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            group =>
            {
                var path = Path.Combine(staging, $"{Guid.NewGuid():N}{spec.Extension}");
                if (spec.Format == SampleFormat.Parquet)
                {
                    ConvertToParquet(group.Dataset, group.Parts, path);
                }
                else
                {
                    Concatenate(Header(group.Dataset), spec.Format == SampleFormat.CsvGz, group.Parts, path);
                }

                foreach (var part in group.Parts)
                {
                    File.Delete(part);
                }

                assembled.Add((group.Key, path));
            });

        return assembled.OrderBy(file => file.Key, StringComparer.Ordinal);
    }

    public static string Header(string dataset) =>
        dataset == AdsViews ? "advertiser_id,product_id,type,date\n" : "advertiser_id,product_id,date\n";

    private static void Concatenate(string header, bool gzip, IEnumerable<string> parts, string path)
    {
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        // A gzip file may hold several members one after another; readers see one stream.
        using (var head = gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : null)
        {
            ((Stream?)head ?? output).Write(Encoding.ASCII.GetBytes(header));
        }

        foreach (var part in parts)
        {
            using var input = File.OpenRead(part);
            input.CopyTo(output);
        }
    }

    private static void ConvertToParquet(string dataset, List<string> parts, string path)
    {
        var columns = dataset == AdsViews
            ? "{'advertiser_id': 'VARCHAR', 'product_id': 'VARCHAR', 'type': 'VARCHAR', 'date': 'DATE'}"
            : "{'advertiser_id': 'VARCHAR', 'product_id': 'VARCHAR', 'date': 'DATE'}";
        var files = string.Join(", ", parts.Select(Quote));

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // One thread: row groups then fall the same way on every run, keeping the file byte-identical.
        command.CommandText = $"""
            SET threads = 1;
            SET preserve_insertion_order = true;
            SET autoinstall_known_extensions = false;
            SET autoload_known_extensions = false;
            COPY (SELECT * FROM read_csv([{files}], header = false, auto_detect = false, columns = {columns}))
            TO {Quote(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1048576);
            """;
        command.ExecuteNonQuery();
    }

    private static string Quote(string path) => $"'{path.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string WriteAdvertiserIds(SampleCatalog catalog, string staging)
    {
        var path = Path.Combine(staging, "advertiser_ids.csv");
        File.WriteAllText(path, "advertiser_id\n" + string.Concat(catalog.ActiveAdvertiserIds.Select(id => id + "\n")), Encoding.ASCII);
        return path;
    }
}
