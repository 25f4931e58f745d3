using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.SampleData;

public sealed class BucketTarget(Bucket bucket) : ISampleDataTarget
{
    public string Description => $"s3://{bucket.Name}/";

    public string StagingParent => Path.GetTempPath();

    public async Task WriteAsync(string key, string localFile, CancellationToken cancellationToken)
    {
        await bucket.UploadFileAsync(key, localFile, cancellationToken);
        File.Delete(localFile);
    }
}
