using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Cli;

/// <summary>Configuration and services for a command: the service's settings, without its web server.</summary>
internal static class CliHost
{
    public static IHost Build(Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // appsettings.json sits next to the binary, wherever the command is run from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(builder);

        // appsettings.json's Logging:LogLevel is the service's; its rules would override the command's level.
        builder.Services.PostConfigure<LoggerFilterOptions>(options => options.Rules.Clear());
        return builder.Build();
    }

    public static string? StorageConnectionString(IHost host) =>
        host.Services.GetRequiredService<IConfiguration>().GetConnectionString(StorageSettings.ConnectionName);
}
