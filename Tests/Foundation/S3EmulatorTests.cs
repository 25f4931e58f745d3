using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Recommender.Scheduler.Storage;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Foundation;

public sealed class S3EmulatorTests(StackFixture stack) : StackTest(stack)
{
    private const int FiftyMegabytes = 50 * 1024 * 1024;

    private static readonly Lazy<byte[]> Payload = new(() =>
    {
        var bytes = new byte[FiftyMegabytes];
        new Random(7).NextBytes(bytes);
        return bytes;
    });

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_megabytes_round_trip_byte_exact_with_a_single_put()
    {
        var (s3, settings) = await Stack.CreateS3Async();
        var key = $"tests/single-{Guid.NewGuid():N}.bin";

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = settings.Bucket, Key = key, InputStream = new MemoryStream(Payload.Value) }, Cancel);

        Assert.Equal(SHA256.HashData(Payload.Value), await HashOfObjectAsync(s3, settings.Bucket, key));
    }

    [Fact]
    public async Task Fifty_megabytes_round_trip_byte_exact_with_a_multipart_upload()
    {
        var (s3, settings) = await Stack.CreateS3Async();
        var key = $"tests/multipart-{Guid.NewGuid():N}.bin";
        using var transfer = new TransferUtility(s3);

        await transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = settings.Bucket,
            Key = key,
            InputStream = new MemoryStream(Payload.Value),
            PartSize = 8 * 1024 * 1024,
        }, Cancel);

        var metadata = await s3.GetObjectMetadataAsync(settings.Bucket, key, Cancel);
        Assert.EndsWith("-7\"", metadata.ETag, StringComparison.Ordinal); // seven parts, so it really was multipart
        Assert.Equal(SHA256.HashData(Payload.Value), await HashOfObjectAsync(s3, settings.Bucket, key));
    }

    [Fact]
    public async Task Parallel_ranged_download_reassembles_the_object()
    {
        var (s3, settings) = await Stack.CreateS3Async();
        var key = $"tests/ranged-{Guid.NewGuid():N}.bin";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = settings.Bucket, Key = key, InputStream = new MemoryStream(Payload.Value) }, Cancel);
        var local = Path.GetTempFileName();

        try
        {
            await new Bucket(s3, settings).DownloadFileAsync(key, local, Cancel);

            Assert.Equal(SHA256.HashData(Payload.Value), SHA256.HashData(await File.ReadAllBytesAsync(local, Cancel)));
        }
        finally
        {
            File.Delete(local);
        }
    }

    [Fact]
    public async Task Listing_pages_through_more_than_a_thousand_keys()
    {
        var (s3, settings) = await Stack.CreateS3Async();
        var prefix = $"tests/listing-{Guid.NewGuid():N}/";
        await Parallel.ForEachAsync(Enumerable.Range(0, 1100), Cancel, async (i, token) =>
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = settings.Bucket, Key = $"{prefix}{i:D5}", ContentBody = "x" }, token));

        var keys = new List<string>();
        await foreach (var entry in new Bucket(s3, settings).ListAsync(prefix, Cancel))
        {
            keys.Add(entry.Key);
        }

        Assert.Equal(1100, keys.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    private static async Task<byte[]> HashOfObjectAsync(IAmazonS3 s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key, Cancel);
        return await SHA256.HashDataAsync(response.ResponseStream, Cancel);
    }
}
