using Aspire.Hosting.ApplicationModel;

namespace Recommender.AppHost.Extensions;

/// <summary>
/// The system's data resources, as each mode needs them: in AWS (publish) they are what they are
/// there — an RDS connection string and a bucket — and locally (run) they are started for you.
/// </summary>
internal static class RecsResourceExtensions
{
    public const string DatabaseName = "recs";
    public const string StorageName = "storage";
    public const string BucketName = "recs-data";

    /// <summary>The PostgreSQL database <c>recs</c>.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRecsDatabase(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddConnectionString(DatabaseName);
        }

        var local = builder.LocalStack();
        if (local.UseContainers)
        {
            return builder.AddPostgres("postgres")
                .WithDataVolume("recommender-postgres")
                .AddDatabase(DatabaseName);
        }

        return builder.AddLocalPostgres("postgres", local.PostgresBinDirectory!, Path.Combine(local.DataDirectory, "postgres"))
            .AddDatabase(DatabaseName);
    }

    /// <summary>The S3 bucket that holds raw logs and pipeline outputs.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRecsBucket(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            var bucket = builder.AddParameter("s3-bucket", BucketName, publishValueAsDefault: true);
            var region = builder.AddParameter("aws-region");
            return builder.AddConnectionString(StorageName, ReferenceExpression.Create($"Bucket={bucket};Region={region}"));
        }

        var local = builder.LocalStack();
        return builder.AddS3Emulator("s3", Path.Combine(local.DataDirectory, "s3"))
            .AddBucket(StorageName, BucketName);
    }

    /// <summary>References the bucket; against the local emulator, also hands the SDK the dummy credentials it needs.</summary>
    public static IResourceBuilder<ProjectResource> WithS3Bucket(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> bucket)
    {
        project.WithReference(bucket);
        if (bucket.Resource is S3BucketResource)
        {
            project
                .WithEnvironment("AWS_ACCESS_KEY_ID", S3EmulatorResource.AccessKey)
                .WithEnvironment("AWS_SECRET_ACCESS_KEY", S3EmulatorResource.AccessKey)
                .WithEnvironment("AWS_REGION", S3EmulatorResource.Region)
                .WithEnvironment("AWS_EC2_METADATA_DISABLED", "true");
        }

        return project;
    }

    /// <summary>Locally, an empty bucket is seeded with generated sample data so the stack shows real numbers.</summary>
    public static IResourceBuilder<ProjectResource> WithLocalSampleData(this IResourceBuilder<ProjectResource> project) =>
        project.ApplicationBuilder.ExecutionContext.IsRunMode
            ? project.WithEnvironment("SampleData__SeedWhenEmpty", "true")
            : project;

    private static LocalStackSettings LocalStack(this IDistributedApplicationBuilder builder)
    {
        var settings = LocalStackSettings.Read(builder.Configuration, builder.AppHostDirectory);
        settings.EnsurePrerequisites();
        return settings;
    }
}
