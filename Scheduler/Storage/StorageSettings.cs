using System.Data.Common;

namespace Recommender.Scheduler.Storage;

/// <summary>
/// Where the data bucket lives, read from the <c>storage</c> connection string:
/// <c>Bucket=…;Region=…</c> in AWS, plus <c>ServiceURL=…;ForcePathStyle=true</c> for any other S3 server.
/// Credentials come from the AWS SDK's default chain (environment, profile, container role).
/// </summary>
public sealed record StorageSettings(string Bucket, string? Region, string? ServiceUrl, bool ForcePathStyle)
{
    public const string ConnectionName = "storage";

    public static StorageSettings Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set; it names the S3 bucket, e.g. 'Bucket=recs-data;Region=eu-west-1'.");
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? Get(string key) => parts.TryGetValue(key, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;

        var bucket = Get("Bucket");
        if (string.IsNullOrWhiteSpace(bucket))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} has no 'Bucket=' part.");
        }

        var forcePathStyle = Get("ForcePathStyle");
        return new StorageSettings(
            bucket,
            Get("Region"),
            Get("ServiceURL"),
            forcePathStyle is not null && bool.Parse(forcePathStyle));
    }
}
