using Microsoft.Extensions.Options;
using Recommender.Scheduler.SampleData;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Startup;

/// <summary>Fills an empty bucket with sample raw data so a fresh local stack has something to show.</summary>
public sealed class SampleDataSeeder(
    IOptions<SampleDataOptions> options, IServiceProvider services, StartupState state, TimeProvider clock, ILogger<SampleDataSeeder> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SeedWhenEmpty)
        {
            state.MarkSeeded();
            return;
        }

        var bucket = services.GetRequiredService<Bucket>();
        var spec = settings.ToSpec(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var seededNow = false;
                if (await bucket.ExistsAsync(spec.AdvertiserIdsKey, stoppingToken))
                {
                    logger.LogInformation("Bucket {Bucket} already holds raw data; not seeding", bucket.Name);
                }
                else
                {
                    seededNow = true;
                    logger.LogInformation(
                        "Bucket {Bucket} is empty: generating {Days} days of sample data ending {EndDate}", bucket.Name, spec.Days, spec.EndDate);
                    var result = await new SampleDataGenerator().GenerateAsync(spec, new BucketTarget(bucket), progress: null, stoppingToken);
                    logger.LogInformation("Seeded {Files} files in {Seconds:F1} s", result.Keys.Count, result.Elapsed.TotalSeconds);
                }

                state.MarkSeeded(seededNow);
                return;
            }
            catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or HttpRequestException)
            {
                state.ReportProblem($"Bucket unreachable: {ex.Message}");
                logger.LogWarning("Bucket unreachable ({Message}); retrying in {Delay}", ex.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }
}
