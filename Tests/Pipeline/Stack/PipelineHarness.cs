using System.Text;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Recommender.Scheduler.Extensions;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.SampleData;
using Recommender.Scheduler.Storage;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>
/// The real pipeline services, in this process, against the stack's PostgreSQL server and S3
/// emulator — with a database of its own and a key prefix of its own, so tests run side by side.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly IsolatedDatabase _database;
    private readonly IHost _host;

    private PipelineHarness(IsolatedDatabase database, IHost host, string prefix)
    {
        _database = database;
        _host = host;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public string RawPrefix => $"{Prefix}raw/";

    public string RunsPrefix => $"{Prefix}runs/";

    public IServiceProvider Services => _host.Services;

    public IHost Host => _host;

    public NpgsqlDataSource DataSource => _database.DataSource;

    /// <summary>With the password, which <see cref="NpgsqlDataSource.ConnectionString"/> leaves out.</summary>
    public string ConnectionString => _database.ConnectionString;

    public Bucket Bucket => Services.GetRequiredService<Bucket>();

    public RunLedger Ledger => Services.GetRequiredService<RunLedger>();

    public PipelineWorker NewWorker() => Services.GetRequiredService<PipelineWorker>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<PipelineHarness> CreateAsync(StackFixture stack, IDictionary<string, string?>? overrides = null, Action<HostApplicationBuilder>? configure = null)
    {
        // The services' S3 client takes credentials from the environment, as in the stack.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "recommender-local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "recommender-local");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

        var database = await IsolatedDatabase.CreateAsync(stack);
        var prefix = $"tests/{Guid.NewGuid():N}/";
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:recs"] = database.ConnectionString,
            ["ConnectionStrings:storage"] = await stack.App.GetConnectionStringAsync("storage", Cancel),
            ["Pipeline:RawPrefix"] = $"{prefix}raw/",
            ["Pipeline:RunsPrefix"] = $"{prefix}runs/",
            ["Pipeline:Threads"] = "1",
            ["Pipeline:MemoryLimit"] = "512MB",
            ["Pipeline:LeaseDuration"] = "00:00:30",
            ["Pipeline:HeartbeatInterval"] = "00:00:01",
            ["Pipeline:PollInterval"] = "00:00:01",
            ["Pipeline:RetryBaseDelay"] = "00:00:00.200",
            ["Pipeline:RetryMaxDelay"] = "00:00:01",
            // Transient failures count against MaxAttempts only; the tests of the retry window set one.
            ["Pipeline:TransientRetryWindow"] = "00:00:00",
            ["Schedule:Enabled"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPipeline();
        configure?.Invoke(builder);
        return new PipelineHarness(database, builder.Build(), prefix);
    }

    /// <summary>Generates sample raw data under this harness's raw prefix.</summary>
    public async Task GenerateAsync(SampleDataSpec spec) =>
        await new SampleDataGenerator().GenerateAsync(spec with { Prefix = RawPrefix }, new BucketTarget(Bucket), progress: null, Cancel);

    public static SampleDataSpec Tiny(DateOnly endDate, int days = 1, long rowsPerDay = 2_000) => new()
    {
        ActiveAdvertisers = 4,
        InactiveAdvertisers = 2,
        ProductsPerAdvertiser = 30,
        Days = days,
        EndDate = endDate,
        RowsPerDay = rowsPerDay,
        ClickShare = 0.05,
        Seed = 11,
    };

    public async Task PutRawAsync(string relativeKey, string content) => await PutRawAsync(relativeKey, Encoding.UTF8.GetBytes(content));

    public async Task PutRawAsync(string relativeKey, byte[] content)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, content, Cancel);
        await Bucket.UploadFileAsync(RawPrefix + relativeKey, path, Cancel);
        File.Delete(path);
    }

    public async Task<byte[]> DownloadAsync(string key)
    {
        var path = Path.GetTempFileName();
        await Bucket.DownloadFileAsync(key, path, Cancel);
        var bytes = await File.ReadAllBytesAsync(path, Cancel);
        File.Delete(path);
        return bytes;
    }

    public async Task<long> EnqueueAsync(DateOnly date, string trigger = "manual") => (await Ledger.EnqueueAsync(date, trigger, 3, Cancel)).RunId;

    /// <summary>Processes queued runs (retries included) until none is queued or running.</summary>
    public async Task DrainAsync(PipelineWorker? worker = null)
    {
        worker ??= NewWorker();
        while (true)
        {
            if (await worker.ProcessNextAsync(cancellationToken: Cancel) is not null)
            {
                continue;
            }

            if (await ScalarAsync<long>("SELECT count(*) FROM pipeline_runs WHERE status IN ('queued', 'running')") == 0)
            {
                return;
            }

            await Task.Delay(200, Cancel);
        }
    }

    public async Task<RunState> RunAsync(long runId) => (await Ledger.GetAsync(runId, Cancel))!;

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(Cancel))!;
    }

    /// <summary>Every row of a query as values joined by '|'.</summary>
    public Task<List<string>> RowsAsync(string sql, params object[] parameters) => DataSource.RowsAsync(sql, parameters);

    public Task<List<string>> PublishedAsync(string table, DateOnly date) => table switch
    {
        "top_ctr" => RowsAsync("SELECT advertiser_id, rank, product_id, clicks, impressions, ctr FROM top_ctr WHERE date = $1 ORDER BY advertiser_id, rank", date),
        "top_product" => RowsAsync("SELECT advertiser_id, rank, product_id, views FROM top_product WHERE date = $1 ORDER BY advertiser_id, rank", date),
        "daily_advertisers" => RowsAsync("SELECT advertiser_id, impressions, clicks, views FROM daily_advertisers WHERE date = $1 ORDER BY advertiser_id", date),
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _database.DisposeAsync();
    }
}
