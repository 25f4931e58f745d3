using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Recommender.Scheduler.SampleData;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>
/// An object uploaded wrong (wrong columns, wrong format for its name, empty, too large) fails the run
/// at its first attempt with one line that names the object and says what to fix, and what was
/// published stays as it was.
/// </summary>
public sealed class BadUploadTests(StackFixture stack) : StackTest(stack)
{
    private const long MaxObjectSize = 200_000;
    private static readonly DateOnly Day = new(2025, 8, 12);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed record Published(PipelineHarness Harness, SampleDataSpec Spec, List<string> TopCtr) : IAsyncDisposable
    {
        public string Key(string dataset) => Spec.DataKey(dataset, Day);

        /// <summary>The key without the harness's raw prefix, as <see cref="PipelineHarness.PutRawAsync(string, byte[])"/> takes it.</summary>
        public string Relative(string key) => key[Harness.RawPrefix.Length..];

        public ValueTask DisposeAsync() => Harness.DisposeAsync();
    }

    /// <summary>A harness (objects up to <see cref="MaxObjectSize"/> bytes) that has published <see cref="Day"/> from generated data.</summary>
    private static async Task<Published> PublishDayAsync(StackFixture stack, SampleLayout layout, SampleFormat format = SampleFormat.Csv)
    {
        var harness = await PipelineHarness.CreateAsync(stack, new Dictionary<string, string?>
        {
            ["Pipeline:MaxObjectSize"] = MaxObjectSize.ToString(CultureInfo.InvariantCulture),
        });
        var spec = PipelineHarness.Tiny(Day) with { Layout = layout, Format = format, Prefix = harness.RawPrefix };
        await harness.GenerateAsync(spec);
        var runId = await harness.EnqueueAsync(Day);
        await harness.DrainAsync();
        Assert.Equal("succeeded", (await harness.RunAsync(runId)).Status);
        var published = await harness.PublishedAsync("top_ctr", Day);
        Assert.NotEmpty(published);
        return new Published(harness, spec, published);
    }

    /// <summary>Runs <see cref="Day"/> again: it must fail at its first attempt and leave the published day as it was; returns its error.</summary>
    private static async Task<string> FailsAgainAsync(Published day)
    {
        var runId = await day.Harness.EnqueueAsync(Day);
        await day.Harness.DrainAsync();
        var run = await day.Harness.RunAsync(runId);
        Assert.Equal("failed", run.Status);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(day.TopCtr, await day.Harness.PublishedAsync("top_ctr", Day));
        return run.Error!;
    }

    /// <summary>Moves an object to another key, its bytes passed through <paramref name="change"/>.</summary>
    private static async Task<string> ReplaceAsync(Published day, string key, string newKey, Func<byte[], byte[]> change)
    {
        var bytes = change(await day.Harness.DownloadAsync(key));
        if (newKey != key)
        {
            await day.Harness.Bucket.DeleteAsync(key, Cancel);
        }

        await day.Harness.PutRawAsync(day.Relative(newKey), bytes);
        return newKey;
    }

    private static byte[] ChangeLines(byte[] csv, Func<string, string> change) =>
        Encoding.UTF8.GetBytes(string.Concat(Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => change(l) + "\n")));

    /// <summary>The Parquet file's rows through <paramref name="select"/> (a SELECT list over <c>read_parquet</c>), as a new Parquet file.</summary>
    private static byte[] ChangeParquet(byte[] parquet, string select)
    {
        var folder = Directory.CreateTempSubdirectory("recs-bad-upload-");
        try
        {
            var (source, target) = (Path.Combine(folder.FullName, "in.parquet"), Path.Combine(folder.FullName, "out.parquet"));
            File.WriteAllBytes(source, parquet);
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT {select} FROM read_parquet('{source}')) TO '{target}' (FORMAT parquet)";
            command.ExecuteNonQuery();
            return File.ReadAllBytes(target);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(SampleLayout.Daily)]
    [InlineData(SampleLayout.SingleFile)]
    public async Task A_parquet_object_with_wrong_columns_fails_naming_them_and_the_columns_it_has(SampleLayout layout)
    {
        await using var day = await PublishDayAsync(Stack, layout, SampleFormat.Parquet);
        var key = await ReplaceAsync(day, day.Key("ads_views"), day.Key("ads_views"),
            bytes => ChangeParquet(bytes, "advertiser_id, product_id AS product, CAST(1 AS INTEGER) AS type, date"));

        Assert.Equal(
            $"filter: {key} does not have the columns of ads_views: product_id is missing, type is INTEGER (expected VARCHAR); " +
            "the object has advertiser_id VARCHAR, product VARCHAR, type INTEGER, date DATE",
            await FailsAgainAsync(day));
    }

    [Theory]
    [InlineData(SampleLayout.Daily)]
    [InlineData(SampleLayout.SingleFile)]
    public async Task A_csv_object_with_wrong_header_names_fails_saying_the_header_expected_and_found(SampleLayout layout)
    {
        await using var day = await PublishDayAsync(Stack, layout);
        var key = await ReplaceAsync(day, day.Key("product_views"), day.Key("product_views"),
            bytes => ChangeLines(bytes, line => line == "advertiser_id,product_id,date" ? "advertiser,product,day" : line));

        Assert.Equal(
            $"filter: {key} has the header \"advertiser,product,day\"; product_views needs the header advertiser_id,product_id,date",
            await FailsAgainAsync(day));
    }

    [Theory]
    [InlineData(SampleLayout.Daily)]
    [InlineData(SampleLayout.SingleFile)]
    public async Task A_csv_object_with_its_columns_in_the_wrong_order_fails_saying_the_order_expected_and_found(SampleLayout layout)
    {
        await using var day = await PublishDayAsync(Stack, layout);
        var key = await ReplaceAsync(day, day.Key("ads_views"), day.Key("ads_views"), bytes => ChangeLines(bytes, line =>
        {
            var fields = line.Split(',');
            return string.Join(',', fields[0], fields[1], fields[3], fields[2]);
        }));

        Assert.Equal(
            $"filter: {key} has its columns in the wrong order: the header is \"advertiser_id,product_id,date,type\"; ads_views needs advertiser_id,product_id,type,date",
            await FailsAgainAsync(day));
    }

    [Fact]
    public async Task A_malformed_line_holding_a_nul_byte_is_counted_and_sampled_and_the_run_succeeds()
    {
        await using var day = await PublishDayAsync(Stack, SampleLayout.Daily);
        var advertiser = Encoding.UTF8.GetString(await day.Harness.DownloadAsync(day.Spec.AdvertiserIdsKey)).Split('\n')[1].Trim();
        await ReplaceAsync(day, day.Key("product_views"), day.Key("product_views"),
            bytes => [.. bytes, .. Encoding.UTF8.GetBytes($"{advertiser},bad\0product,not-a-date\n")]);

        var runId = await day.Harness.EnqueueAsync(Day);
        await day.Harness.DrainAsync();

        Assert.Equal("succeeded", (await day.Harness.RunAsync(runId)).Status);
        Assert.Equal(
            ["true"],
            await day.Harness.RowsAsync("SELECT (position(chr(65533) || 'product,not-a-date' IN data_quality::text) > 0)::text FROM pipeline_runs WHERE id = $1", runId));
    }

    [Fact]
    public async Task An_advertiser_list_with_a_wrong_header_fails_saying_the_header_it_needs()
    {
        await using var day = await PublishDayAsync(Stack, SampleLayout.Daily);
        var key = await ReplaceAsync(day, day.Spec.AdvertiserIdsKey, day.Spec.AdvertiserIdsKey,
            bytes => ChangeLines(bytes, line => line == "advertiser_id" ? "id" : line));

        Assert.Equal($"filter: {key} has the header \"id\"; the advertiser list needs the header advertiser_id", await FailsAgainAsync(day));
    }

    [Theory]
    [InlineData(SampleLayout.Daily)]
    [InlineData(SampleLayout.SingleFile)]
    public async Task A_csv_object_named_parquet_fails_saying_it_holds_csv(SampleLayout layout)
    {
        await using var day = await PublishDayAsync(Stack, layout);
        var csv = day.Key("ads_views");
        var key = await ReplaceAsync(day, csv, csv[..^".csv".Length] + ".parquet", bytes => bytes);

        Assert.Equal($"filter: {key} holds CSV, not Parquet; name it .csv or upload Parquet", await FailsAgainAsync(day));
    }

    [Theory]
    [InlineData(SampleLayout.Daily)]
    [InlineData(SampleLayout.SingleFile)]
    public async Task A_parquet_object_named_csv_fails_saying_it_holds_parquet(SampleLayout layout)
    {
        await using var day = await PublishDayAsync(Stack, layout, SampleFormat.Parquet);
        var parquet = day.Key("product_views");
        var key = await ReplaceAsync(day, parquet, parquet[..^".parquet".Length] + ".csv", bytes => bytes);

        Assert.Equal($"filter: {key} holds Parquet, not CSV; name it .parquet or upload CSV", await FailsAgainAsync(day));
    }

    [Theory]
    [InlineData(SampleLayout.Daily, "ads_views/date=2025-08-12/part-00001.csv")]
    [InlineData(SampleLayout.SingleFile, "product_views.csv")]
    [InlineData(SampleLayout.Daily, "advertiser_ids.csv")]
    public async Task An_empty_object_fails_saying_it_is_empty(SampleLayout layout, string relativeKey)
    {
        await using var day = await PublishDayAsync(Stack, layout);
        await day.Harness.PutRawAsync(relativeKey, []);

        Assert.Equal(
            $"filter: {day.Harness.RawPrefix}{relativeKey} is empty (0 bytes); upload it again with its data, or delete it",
            await FailsAgainAsync(day));
    }

    [Theory]
    [InlineData(SampleLayout.Daily)]
    [InlineData(SampleLayout.SingleFile)]
    public async Task An_object_over_the_size_limit_fails_before_it_is_downloaded_saying_its_size_and_the_limit(SampleLayout layout)
    {
        await using var day = await PublishDayAsync(Stack, layout);
        var size = 0;
        var key = await ReplaceAsync(day, day.Key("ads_views"), day.Key("ads_views"), bytes =>
        {
            // The same rows four times over: valid data, only too much of it in one object.
            var lines = Encoding.UTF8.GetString(bytes).Split('\n', 2);
            var bigger = Encoding.UTF8.GetBytes(lines[0] + "\n" + string.Concat(Enumerable.Repeat(lines[1], 4)));
            size = bigger.Length;
            return bigger;
        });
        Assert.True(size > MaxObjectSize, $"the object is {size} bytes");

        Assert.Equal(
            $"filter: {key} is {size.ToString("N0", CultureInfo.InvariantCulture)} bytes, over Pipeline:MaxObjectSize ({MaxObjectSize.ToString("N0", CultureInfo.InvariantCulture)} bytes); " +
            "split it into smaller objects or raise the limit",
            await FailsAgainAsync(day));
    }
}
