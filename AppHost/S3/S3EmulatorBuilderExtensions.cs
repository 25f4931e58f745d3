using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recommender.AppHost.S3;

namespace Aspire.Hosting;

public static class S3EmulatorBuilderExtensions
{
    /// <summary>
    /// Adds the local S3 emulator. Its npm packages are installed by a resource it waits for
    /// (<c>npm ci</c>, skipped when node_modules already matches the lock file). Objects are kept
    /// in <paramref name="dataDirectory"/> across restarts.
    /// </summary>
    public static IResourceBuilder<S3EmulatorResource> AddS3Emulator(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, string dataDirectory)
    {
        var emulatorDirectory = Path.Combine(builder.AppHostDirectory, "S3Emulator");
        var install = builder.AddExecutable($"{name}-install", "node", emulatorDirectory, "install.mjs")
            .WithIconName("ArrowDownload")
            .ExcludeFromManifest();

        var emulator = new S3EmulatorResource(name, emulatorDirectory);
        return builder.AddResource(emulator)
            .WithArgs("server.mjs")
            .WithHttpEndpoint(name: S3EmulatorResource.HttpEndpointName, env: "PORT")
            .WithEnvironment("S3_HOST", "127.0.0.1")
            .WithEnvironment("S3_DATA_DIR", dataDirectory)
            .WithEnvironment(context => context.EnvironmentVariables["S3_BUCKETS"] = string.Join(',', emulator.Buckets))
            .WithHttpHealthCheck("/health")
            .WaitForCompletion(install)
            .WithIconName("Storage")
            .ExcludeFromManifest();
    }

    /// <summary>Adds a bucket that the emulator creates before it reports healthy.</summary>
    public static IResourceBuilder<S3BucketResource> AddBucket(
        this IResourceBuilder<S3EmulatorResource> builder, [ResourceName] string name, string bucketName)
    {
        var bucket = new S3BucketResource(name, bucketName, builder.Resource);
        builder.Resource.Buckets.Add(bucketName);

        var healthCheckKey = $"{name}_bucket";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new BucketReadyCheck(bucket), failureStatus: null, tags: null));

        return builder.ApplicationBuilder.AddResource(bucket).WithParentState().WithHealthCheck(healthCheckKey).ExcludeFromManifest();
    }
}
