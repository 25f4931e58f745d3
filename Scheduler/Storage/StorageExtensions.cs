using Amazon;
using Amazon.S3;

namespace Recommender.Scheduler.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the S3 client and the data bucket from <c>ConnectionStrings:storage</c>.</summary>
    public static IServiceCollection AddBucketStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => StorageSettings.Parse(configuration.GetConnectionString(StorageSettings.ConnectionName)));
        services.AddSingleton<IAmazonS3>(sp => CreateClient(sp.GetRequiredService<StorageSettings>()));
        services.AddSingleton<Bucket>();
        return services;
    }

    public static IAmazonS3 CreateClient(StorageSettings settings)
    {
        var config = new AmazonS3Config { ForcePathStyle = settings.ForcePathStyle };
        if (settings.ServiceUrl is not null)
        {
            config.ServiceURL = settings.ServiceUrl;
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
        }
        else if (settings.Region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        return new AmazonS3Client(config);
    }
}
