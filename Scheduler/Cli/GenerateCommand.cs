using System.CommandLine;
using System.Globalization;
using Recommender.Scheduler.SampleData;
using Recommender.Scheduler.Storage;
using Spectre.Console;

namespace Recommender.Scheduler.Cli;

/// <summary><c>generate</c>: writes sample raw data to a local folder or an S3 bucket.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var defaults = new SampleDataSpec();
        var output = new Option<string?>("--out")
        {
            Description = "A local folder, or s3://bucket[/prefix]. Default: the bucket in ConnectionStrings:storage.",
        };
        var active = new Option<int>("--active") { Description = "Active advertisers (listed in advertiser_ids.csv).", DefaultValueFactory = _ => defaults.ActiveAdvertisers };
        var inactive = new Option<int>("--inactive") { Description = "Inactive advertisers (present in the logs only).", DefaultValueFactory = _ => defaults.InactiveAdvertisers };
        var products = new Option<int>("--products") { Description = "Catalog size per advertiser.", DefaultValueFactory = _ => defaults.ProductsPerAdvertiser };
        var days = new Option<int>("--days") { Description = "Number of days.", DefaultValueFactory = _ => defaults.Days };
        var endDate = new Option<string?>("--end-date") { Description = "Last day, YYYY-MM-DD. Default: yesterday (UTC)." };
        var rows = new Option<long>("--rows-per-day") { Description = "Rows per day in each dataset.", DefaultValueFactory = _ => defaults.RowsPerDay };
        var clickShare = new Option<double>("--click-share") { Description = "Share of ads_views rows that are clicks.", DefaultValueFactory = _ => defaults.ClickShare };
        var layout = new Option<string>("--layout") { Description = "daily (raw/<dataset>/date=D/…) or single (raw/<dataset>.<ext>).", DefaultValueFactory = _ => "daily" };
        var format = new Option<string>("--format") { Description = "csv, csv.gz or parquet.", DefaultValueFactory = _ => "csv" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed gives byte-identical files.", DefaultValueFactory = _ => defaults.Seed };
        var prefix = new Option<string>("--prefix") { Description = "Key prefix of the raw data.", DefaultValueFactory = _ => defaults.Prefix };

        var command = new Command("generate", "Generate sample raw data: advertiser_ids.csv, ads_views and product_views.")
        {
            output, active, inactive, products, days, endDate, rows, clickShare, layout, format, seed, prefix,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var problems = new List<string>();
            var spec = new SampleDataSpec
            {
                ActiveAdvertisers = result.GetValue(active),
                InactiveAdvertisers = result.GetValue(inactive),
                ProductsPerAdvertiser = result.GetValue(products),
                Days = result.GetValue(days),
                RowsPerDay = result.GetValue(rows),
                ClickShare = result.GetValue(clickShare),
                Seed = result.GetValue(seed),
                Prefix = result.GetValue(prefix) ?? "",
                Layout = ParseLayout(result.GetValue(layout), problems),
                Format = ParseFormat(result.GetValue(format), problems),
                EndDate = ParseDate(result.GetValue(endDate), problems) ?? defaults.EndDate,
            };

            var destination = result.GetValue(output);
            if (destination is not null && destination.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            {
                var (_, keyPrefix) = SplitS3Url(destination);
                if (keyPrefix.Length > 0)
                {
                    spec = spec with { Prefix = keyPrefix.EndsWith('/') ? keyPrefix : keyPrefix + "/" };
                }
            }

            problems.AddRange(spec.Validate());
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine($"error: {problem}");
                }

                return 2;
            }

            using var host = CliHost.Build();
            ISampleDataTarget target;
            try
            {
                target = CreateTarget(destination, CliHost.StorageConnectionString(host));
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }

            Console.Error.WriteLine(
                $"Generating {spec.Days} day(s) ending {spec.EndDate:yyyy-MM-dd}: {spec.RowsPerDataset:N0} rows per dataset, " +
                $"{spec.ActiveAdvertisers} active + {spec.InactiveAdvertisers} inactive advertisers, {spec.ProductsPerAdvertiser} products each, " +
                $"{result.GetValue(layout)} layout, {result.GetValue(format)}, seed {spec.Seed} → {target.Description}{spec.Prefix}");

            var generated = await GenerateWithProgressAsync(spec, target, cancellationToken);
            var rate = generated.RowsPerDataset * SampleDataGenerator.Datasets.Length / Math.Max(generated.Elapsed.TotalSeconds, 1e-9);
            Console.Error.WriteLine(
                $"Wrote {generated.Keys.Count} file(s) in {generated.Elapsed.TotalSeconds:F1} s ({rate:N0} rows/s).");
            return 0;
        });

        return command;
    }

    private static async Task<SampleDataResult> GenerateWithProgressAsync(SampleDataSpec spec, ISampleDataTarget target, CancellationToken cancellationToken)
    {
        var generator = new SampleDataGenerator();
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await generator.GenerateAsync(spec, target, progress: null, cancellationToken);
        }

        SampleDataResult? outcome = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = SampleDataGenerator.Datasets.ToDictionary(
                    dataset => dataset, dataset => context.AddTask(dataset, maxValue: Math.Max(1, spec.RowsPerDataset)));
                var progress = new Progress<SampleProgress>(p => tasks[p.Dataset].Value = p.RowsDone);
                outcome = await generator.GenerateAsync(spec, target, progress, cancellationToken);
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
            });
        return outcome!;
    }

    private static ISampleDataTarget CreateTarget(string? destination, string? storageConnection)
    {
        if (destination is null)
        {
            return new BucketTarget(CreateBucket(StorageSettings.Parse(storageConnection)));
        }

        if (!destination.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return new LocalFolderTarget(destination);
        }

        // s3://bucket: the configured endpoint and region, if any, with this bucket.
        var (bucket, _) = SplitS3Url(destination);
        var configured = string.IsNullOrWhiteSpace(storageConnection) ? null : StorageSettings.Parse(storageConnection);
        var settings = configured is null
            ? new StorageSettings(bucket, Region: null, ServiceUrl: null, ForcePathStyle: false)
            : configured with { Bucket = bucket };
        return new BucketTarget(CreateBucket(settings));
    }

    private static Bucket CreateBucket(StorageSettings settings) => new(StorageExtensions.CreateClient(settings), settings);

    private static (string Bucket, string Prefix) SplitS3Url(string url)
    {
        var rest = url["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
    }

    private static SampleLayout ParseLayout(string? value, List<string> problems)
    {
        switch (value?.ToLowerInvariant())
        {
            case "daily":
                return SampleLayout.Daily;
            case "single":
            case "single-file":
                return SampleLayout.SingleFile;
            default:
                problems.Add($"--layout '{value}' is not known; use daily or single.");
                return SampleLayout.Daily;
        }
    }

    private static SampleFormat ParseFormat(string? value, List<string> problems)
    {
        switch (value?.ToLowerInvariant())
        {
            case "csv":
                return SampleFormat.Csv;
            case "csv.gz":
            case "csvgz":
                return SampleFormat.CsvGz;
            case "parquet":
                return SampleFormat.Parquet;
            default:
                problems.Add($"--format '{value}' is not known; use csv, csv.gz or parquet.");
                return SampleFormat.Csv;
        }
    }

    private static DateOnly? ParseDate(string? value, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"--end-date '{value}' is not a date of the form YYYY-MM-DD.");
        return null;
    }
}
