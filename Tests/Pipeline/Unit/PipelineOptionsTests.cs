using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Recommender.Scheduler.Extensions;
using Recommender.Scheduler.Pipeline;
using Recommender.Scheduler.Pipeline.Schedule;

namespace Recommender.Tests.Pipeline.Unit;

public sealed class PipelineOptionsTests
{
    private static IServiceProvider Services(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPipeline();
        return builder.Build().Services;
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = Services([]).GetRequiredService<IOptions<PipelineOptions>>().Value;
        var schedule = Services([]).GetRequiredService<IOptions<ScheduleOptions>>().Value;

        Assert.Equal(("raw/", "runs/", 0.01, 7, 3, "2GB"), (options.RawPrefix, options.RunsPrefix, options.MaxBadRowShare, options.RetentionDays, options.MaxAttempts, options.MemoryLimit));
        Assert.Equal((0.2, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)), (options.MinRowShare, options.HeartbeatInterval, options.InventoryInterval));
        Assert.Equal(20L * 1024 * 1024 * 1024, options.MaxObjectSize);
        Assert.Equal(("0 2 * * *", "UTC", CatchUpPolicy.Latest), (schedule.Cron, schedule.TimeZone, schedule.ResolveCatchUp()));
    }

    [Theory]
    [InlineData("Pipeline:MemoryLimit", "lots", "Pipeline:MemoryLimit")]
    [InlineData("Pipeline:RawPrefix", "raw", "Pipeline:RawPrefix")]
    [InlineData("Pipeline:HeartbeatInterval", "00:05:00", "Pipeline:HeartbeatInterval")]
    [InlineData("Pipeline:MinRowShare", "1.5", "Pipeline:MinRowShare")]
    [InlineData("Pipeline:InventoryInterval", "00:00:00", "Pipeline:InventoryInterval")]
    [InlineData("Pipeline:MaxObjectSize", "0", "Pipeline:MaxObjectSize")]
    [InlineData("Schedule:CatchUp", "sometimes", "Schedule:CatchUp")]
    [InlineData("Schedule:TimeZone", "Mars/Olympus", "Schedule:TimeZone")]
    [InlineData("Schedule:Cron", "daily", "Schedule:Cron")]
    public void A_bad_setting_fails_with_a_message_naming_its_key(string key, string value, string named)
    {
        var services = Services(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<PipelineOptions>>().Value;
            _ = services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
        });

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
