using ICSharpCode.SharpZipLib.GZip;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Input;

/// <summary>
/// Brings raw objects to local disk for the engine. Gzip is unpacked here rather than by DuckDB:
/// this decoder checks every member's CRC and length, so a truncated upload fails instead of being
/// read short, and DuckDB then reads the plain CSV with all its threads.
/// </summary>
public sealed class RawFetcher(Bucket bucket)
{
    private const int ParallelDownloads = 4;

    public async Task<IReadOnlyList<InputFile>> FetchAsync(IReadOnlyList<string> keys, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var files = new InputFile[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (i, token) => files[i] = await FetchOneAsync(keys[i], Path.Combine(folder, $"{i:D5}"), token));
        return files;
    }

    private async Task<InputFile> FetchOneAsync(string key, string basePath, CancellationToken cancellationToken)
    {
        if (key.EndsWith(".parquet", StringComparison.Ordinal))
        {
            await bucket.DownloadFileAsync(key, basePath + ".parquet", cancellationToken);
            return new InputFile(basePath + ".parquet", key, IsParquet: true);
        }

        if (!key.EndsWith(".gz", StringComparison.Ordinal))
        {
            await bucket.DownloadFileAsync(key, basePath + ".csv", cancellationToken);
            return new InputFile(basePath + ".csv", key, IsParquet: false);
        }

        await bucket.DownloadFileAsync(key, basePath + ".csv.gz", cancellationToken);
        await Task.Run(() => Gunzip(key, basePath + ".csv.gz", basePath + ".csv", cancellationToken), cancellationToken);
        File.Delete(basePath + ".csv.gz");
        return new InputFile(basePath + ".csv", key, IsParquet: false);
    }

    /// <summary>
    /// Unpacks every member of a gzip file, failing with the object's key when any is damaged or cut
    /// short, or when it holds plain CSV or Parquet instead.
    /// </summary>
    public static void Gunzip(string key, string source, string destination, CancellationToken cancellationToken)
    {
        if (InputShape.Sniff(source) is var kind and not ContentKind.Gzip and not ContentKind.Other)
        {
            throw InputShape.Mismatch(key, kind, "gzip-compressed CSV");
        }

        try
        {
            using var input = new GZipInputStream(File.OpenRead(source));
            using var output = File.Create(destination, 1 << 20);
            var buffer = new byte[1 << 20];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                output.Write(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is ICSharpCode.SharpZipLib.SharpZipBaseException or EndOfStreamException or InvalidDataException)
        {
            throw new PipelineFailure($"corrupt gzip object {key}: {ex.Message}", ex);
        }
    }
}
