using Amazon.S3;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Recommender.Scheduler.Storage;

[assembly: AssemblyFixture(typeof(Recommender.Tests.Infrastructure.StackFixture))]

namespace Recommender.Tests.Infrastructure;

/// <summary>
/// The whole system, started once per test run from the real AppHost: PostgreSQL, the S3 emulator,
/// Scheduler, RecsApi and Dashboard, with their data in a fresh temporary folder. Tests share it.
/// It starts when the first test that needs it runs (tests derive from <see cref="StackTest"/>),
/// so a run of unit tests alone costs nothing.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public const string AdminApiKey = "test-admin-key-0123456789abcdef";

    public const string DashboardAdminPassword = "test-dashboard-password-42";

    /// <summary>Every resource the AppHost declares that reports health.</summary>
    public static readonly string[] Resources = ["postgres", "recs", "s3", "storage", "scheduler", "recsapi", "dashboard"];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan SampleDaysTimeout = TimeSpan.FromMinutes(5);

    private readonly string _dataDirectory = CreateDataDirectory();

    private readonly Lazy<Task> _started;
    private readonly Lazy<Task> _sampleDaysPublished;
    private DistributedApplication? _app;

    public StackFixture()
    {
        _started = new Lazy<Task>(StartStackAsync);
        _sampleDaysPublished = new Lazy<Task>(WaitForSampleDaysAsync);
    }

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The stack has not started.");

    public string DataDirectory => _dataDirectory;

    /// <summary>The UTC day the stack started on; seeding and scheduling count from it.</summary>
    public DateOnly StartedOn { get; private set; }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Starts the stack on first call; later calls share that start.</summary>
    public Task StartAsync() => _started.Value;

    private async Task StartStackAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        StartedOn = DateOnly.FromDateTime(DateTime.UtcNow);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--LocalStack:DataDir={_dataDirectory}", $"--Parameters:admin-api-key={AdminApiKey}",
                $"--Parameters:dashboard-admin-password={DashboardAdminPassword}"],
            (options, _) => options.DisableDashboard = true,
            cancellation.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        _app = await builder.BuildAsync(cancellation.Token);
        await _app.StartAsync(cancellation.Token);
        foreach (var resource in Resources)
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellation.Token);
        }
    }

    /// <summary>
    /// Waits until the stack's Scheduler has processed the sample days it seeded on first start:
    /// yesterday is published and no run is queued or running. Later calls share that wait.
    /// </summary>
    public Task WaitForSampleDaysPublishedAsync() => _sampleDaysPublished.Value;

    private async Task WaitForSampleDaysAsync()
    {
        await StartAsync();
        await using var dataSource = await CreateDataSourceAsync();
        var yesterday = StartedOn.AddDays(-1);
        using var cancellation = new CancellationTokenSource(SampleDaysTimeout);
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                "SELECT EXISTS (SELECT 1 FROM published_dates WHERE date = $1) " +
                "AND NOT EXISTS (SELECT 1 FROM pipeline_runs WHERE status IN ('queued', 'running'))");
            command.Parameters.Add(new NpgsqlParameter { Value = yesterday });
            if ((bool)(await command.ExecuteScalarAsync(cancellation.Token))!)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files; the temp folder is cleaned by the OS eventually.
        }
    }

    private static string CreateDataDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("recs-tests-").FullName;
        // Temp folders are private to their owner; as root, PostgreSQL runs as 'postgres' and must get in.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return directory;
    }

    public HttpClient CreateHttpClient(string resource) => App.CreateHttpClient(resource);

    public async Task<NpgsqlDataSource> CreateDataSourceAsync()
    {
        var connectionString = await App.GetConnectionStringAsync("recs")
            ?? throw new InvalidOperationException("The recs database has no connection string.");
        return NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The bucket as the services see it (same endpoint, same dummy credentials).</summary>
    public async Task<(IAmazonS3 Client, StorageSettings Settings)> CreateS3Async()
    {
        var settings = StorageSettings.Parse(await App.GetConnectionStringAsync("storage"));
        var config = new AmazonS3Config
        {
            ServiceURL = settings.ServiceUrl,
            ForcePathStyle = settings.ForcePathStyle,
            AuthenticationRegion = settings.Region,
        };
        return (new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials("test", "test"), config), settings);
    }

    public ResourceNotificationService Notifications => App.Services.GetRequiredService<ResourceNotificationService>();

    public IResource Resource(string name) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);
}
