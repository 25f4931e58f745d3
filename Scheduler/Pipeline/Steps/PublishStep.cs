using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Pipeline.Reliability;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Steps;

/// <summary>
/// Publish: in one transaction, replaces the date's rows of top_ctr, top_product and
/// daily_advertisers (binary COPY), records the date, applies retention, marks the run succeeded
/// and notifies listeners — so no reader sees half a date. The volume guard may hold the day first.
/// </summary>
public sealed class PublishStep(
    NpgsqlDataSource dataSource, Bucket bucket, EngineSettings engineSettings, VolumeGuard volumeGuard, IOptions<PipelineOptions> options) : IPipelineStep
{
    /// <summary>Key of the transaction lock that serialises publishes ("RecsPubl").</summary>
    public const long PublishLock = 0x5265_6373_5075_626C;

    /// <summary>First key of the per-run advisory lock Publish holds for its transaction ("RcRn"); cancel_run() tries it.</summary>
    private const int RunLockClass = 0x5263_526E;

    public string Name => StepNames.Publish;

    public IReadOnlyList<string> Outputs(RunKeys keys) => [];

    public async Task<StepResult> RunAsync(RunContext context, CancellationToken cancellationToken)
    {
        var keys = context.Keys;
        var files = new[] { (Key: keys.TopCtr, Path: context.LocalPath("publish_top_ctr.parquet")),
                            (Key: keys.TopProduct, Path: context.LocalPath("publish_top_product.parquet")),
                            (Key: keys.DailyAdvertisers, Path: context.LocalPath("publish_daily_advertisers.parquet")) };
        await Task.WhenAll(files.Select(f => bucket.DownloadFileAsync(f.Key, f.Path, cancellationToken)));

        var date = context.Run.Date;
        using var duck = new DuckDbSession(engineSettings with { Threads = 1 });
        var advertisers = duck.Scalar<int>(
            $"SELECT count(*) FROM (SELECT advertiser_id FROM read_parquet({Sql.Text(files[0].Path)}) UNION SELECT advertiser_id FROM read_parquet({Sql.Text(files[1].Path)}))");
        await volumeGuard.CheckAsync(context.Run.Id, date, advertisers, cancellationToken);

        var retention = options.Value.RetentionDays;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EnterCommitAsync(connection, context, cancellationToken);

        DateOnly? newest;
        await using (var window = Command(connection, "publish_window", PublishLock))
        await using (var reader = await window.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            newest = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1);
        }

        var newestAfter = newest is { } n && n > date ? n : date;
        var lastDropped = newestAfter.AddDays(-retention);
        if (date <= lastDropped)
        {
            throw new PipelineFailure(
                $"{date:yyyy-MM-dd} is outside the retention window ({retention} days up to {newestAfter:yyyy-MM-dd}); nothing was published");
        }

        await ExecuteAsync(Command(connection, "publish_clear_date", date), cancellationToken);
        var meter = context.Meters.Start(Name, RunMeters.Rows, files.Sum(f => duck.Scalar<long>($"SELECT count(*) FROM read_parquet({Sql.Text(f.Path)})")));
        var rows = await CopyAsync(connection, duck, meter, files[0].Path,
            "COPY top_ctr (date, advertiser_id, rank, product_id, clicks, impressions, ctr) FROM STDIN (FORMAT BINARY)",
            "SELECT date, advertiser_id, rank, product_id, clicks, impressions, ctr",
            [NpgsqlDbType.Date, NpgsqlDbType.Text, NpgsqlDbType.Smallint, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Double],
            cancellationToken);
        rows += await CopyAsync(connection, duck, meter, files[1].Path,
            "COPY top_product (date, advertiser_id, rank, product_id, views) FROM STDIN (FORMAT BINARY)",
            "SELECT date, advertiser_id, rank, product_id, views",
            [NpgsqlDbType.Date, NpgsqlDbType.Text, NpgsqlDbType.Smallint, NpgsqlDbType.Text, NpgsqlDbType.Bigint],
            cancellationToken);
        rows += await CopyAsync(connection, duck, meter, files[2].Path,
            "COPY daily_advertisers (date, advertiser_id, impressions, clicks, views) FROM STDIN (FORMAT BINARY)",
            "SELECT date, advertiser_id, impressions, clicks, views",
            [NpgsqlDbType.Date, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint],
            cancellationToken);

        await ExecuteAsync(Command(connection, "publish_mark_date", date, context.Run.Id), cancellationToken);
        await ExecuteAsync(Command(connection, "publish_retention", lastDropped), cancellationToken);
        if (await ExecuteAsync(Command(connection, "publish_mark_run", context.Run.Id, context.Worker, rows, rows), cancellationToken) == 0)
        {
            throw new OperationCanceledException($"run {context.Run.Id} was taken from worker {context.Worker}; its publish is rolled back");
        }

        await ExecuteAsync(Command(connection, "publish_notify", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StepResult(rows, rows, null, RecordedByStep: true);
    }

    /// <summary>
    /// Takes the run's lock, so an operator's cancel either came before (and stops the publish here)
    /// or finds the run inside this transaction and lets it finish.
    /// </summary>
    private static async Task EnterCommitAsync(NpgsqlConnection connection, RunContext context, CancellationToken cancellationToken)
    {
        var runId = context.Run.Id;
        await using (var runLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, $2)", connection))
        {
            runLock.Parameters.Add(new NpgsqlParameter { Value = RunLockClass });
            runLock.Parameters.Add(new NpgsqlParameter { Value = (int)(runId & int.MaxValue) });
            await runLock.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var asked = new NpgsqlCommand("SELECT cancel_requested_at IS NOT NULL FROM pipeline_runs WHERE id = $1", connection);
        asked.Parameters.Add(new NpgsqlParameter { Value = runId });
        var cancelRequested = await asked.ExecuteScalarAsync(cancellationToken) is true;
        if ((cancelRequested && context.Cancellation.TryCancel()) || !context.Cancellation.TryEnterCommit())
        {
            throw new OperationCanceledException($"run {runId} was cancelled by an operator before its publish", context.Cancellation.Token);
        }
    }

    /// <summary>Streams a Parquet file's rows into a table with binary COPY; only rows of the run's date are in it.</summary>
    private static async Task<long> CopyAsync(
        NpgsqlConnection connection, DuckDbSession duck, StepMeter meter, string parquet, string copy, string select, NpgsqlDbType[] types, CancellationToken cancellationToken)
    {
        var rows = duck.Query($"{select} FROM read_parquet({Sql.Text(parquet)})", reader => Row(reader, types.Length));
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            meter.Add(1);
            for (var i = 0; i < types.Length; i++)
            {
                await importer.WriteAsync(row[i], types[i], cancellationToken);
            }
        }

        return (long)await importer.CompleteAsync(cancellationToken);
    }

    private static object[] Row(DbDataReader reader, int width)
    {
        var values = new object[width];
        reader.GetValues(values);
        return values;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string script, params object[] values)
    {
        var command = new NpgsqlCommand(Sql.Embedded(typeof(PublishStep), script), connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
