using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Microsoft.Win32.SafeHandles;

namespace Recommender.Scheduler.Storage;

/// <summary>The data bucket: raw logs under <c>raw/</c>, pipeline outputs under <c>runs/</c>.</summary>
public sealed class Bucket(IAmazonS3 s3, StorageSettings settings)
{
    /// <summary>Objects at least this large move in parallel parts.</summary>
    public const long PartSize = 16L * 1024 * 1024;

    private const int ParallelParts = 8;

    public string Name => settings.Bucket;

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        await SizeAsync(key, cancellationToken) is not null;

    /// <summary>The object's size in bytes, or null when there is no such object.</summary>
    public async Task<long?> SizeAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return (await s3.GetObjectMetadataAsync(Name, key, cancellationToken)).ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every object under <paramref name="prefix"/>, in key order.</summary>
    public async IAsyncEnumerable<S3Object> ListAsync(
        string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Name, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in response.S3Objects ?? [])
            {
                yield return entry;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    public async Task UploadFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        using var transfer = new TransferUtility(s3, new TransferUtilityConfig { ConcurrentServiceRequests = ParallelParts });
        await transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = Name,
            Key = key,
            FilePath = localPath,
            PartSize = PartSize,
        }, cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await s3.DeleteObjectAsync(Name, key, cancellationToken);

    public async Task PutTextAsync(string key, string content, CancellationToken cancellationToken) =>
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, ContentBody = content }, cancellationToken);

    public async Task<string> GetTextAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(Name, key, cancellationToken);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Downloads an object to a local file, large ones as parallel ranged GETs.</summary>
    public async Task DownloadFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var metadata = await s3.GetObjectMetadataAsync(Name, key, cancellationToken);
        var length = metadata.ContentLength;

        using var file = File.OpenHandle(localPath, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.Asynchronous, length);
        var ranges = Enumerable.Range(0, (int)Math.Max(1, (length + PartSize - 1) / PartSize))
            .Select(i => (Start: i * PartSize, End: Math.Min(length, (i + 1) * PartSize) - 1));

        await Parallel.ForEachAsync(
            ranges,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelParts, CancellationToken = cancellationToken },
            async (range, token) => await DownloadRangeAsync(key, file, range.Start, range.End, length, token));
    }

    private async Task DownloadRangeAsync(string key, SafeFileHandle file, long start, long end, long length, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            return;
        }

        var request = new GetObjectRequest { BucketName = Name, Key = key };
        if (length > PartSize)
        {
            request.ByteRange = new ByteRange(start, end);
        }

        using var response = await s3.GetObjectAsync(request, cancellationToken);
        var buffer = new byte[Math.Min(end - start + 1, 1024 * 1024)];
        var offset = start;
        int read;
        while ((read = await response.ResponseStream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await RandomAccess.WriteAsync(file, buffer.AsMemory(0, read), offset, cancellationToken);
            offset += read;
        }

        if (offset != end + 1)
        {
            throw new IOException($"Download of s3://{Name}/{key} ended at byte {offset}, expected {end + 1}.");
        }
    }
}
