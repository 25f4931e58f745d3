using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recommender.AppHost.S3;

/// <summary>Healthy when the emulator answers HEAD on the bucket with 200.</summary>
internal sealed class BucketReadyCheck(S3BucketResource bucket) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var url = await bucket.Parent.HttpEndpoint.Property(EndpointProperty.Url).GetValueAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Head, $"{url}/{Uri.EscapeDataString(bucket.BucketName)}");
            using var response = await Http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Bucket '{bucket.BucketName}' answered {(int)response.StatusCode}.");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy("The S3 emulator is not answering yet.", ex);
        }
    }
}
