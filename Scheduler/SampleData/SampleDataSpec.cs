namespace Recommender.Scheduler.SampleData;

public enum SampleLayout
{
    /// <summary><c>raw/&lt;dataset&gt;/date=YYYY-MM-DD/part-00000.&lt;ext&gt;</c>: one folder per day.</summary>
    Daily,

    /// <summary><c>raw/&lt;dataset&gt;.&lt;ext&gt;</c>: one file spanning all days (the original system's layout).</summary>
    SingleFile,
}

public enum SampleFormat
{
    Csv,
    CsvGz,
    Parquet,
}

/// <summary>What to generate. The same spec (seed included) always gives byte-identical files.</summary>
public sealed record SampleDataSpec
{
    public int ActiveAdvertisers { get; init; } = 20;

    public int InactiveAdvertisers { get; init; } = 5;

    public int ProductsPerAdvertiser { get; init; } = 100;

    public int Days { get; init; } = 30;

    /// <summary>The last day generated; the first is <c>EndDate - (Days - 1)</c>.</summary>
    public DateOnly EndDate { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    /// <summary>Rows per day in each of ads_views and product_views.</summary>
    public long RowsPerDay { get; init; } = 100_000;

    /// <summary>Share of ads_views rows that are clicks (the rest are impressions).</summary>
    public double ClickShare { get; init; } = 0.01;

    public SampleLayout Layout { get; init; } = SampleLayout.Daily;

    public SampleFormat Format { get; init; } = SampleFormat.Csv;

    public ulong Seed { get; init; } = 42;

    /// <summary>Key prefix of the raw data, ending in '/'.</summary>
    public string Prefix { get; init; } = "raw/";

    public DateOnly StartDate => EndDate.AddDays(-(Days - 1));

    public long RowsPerDataset => RowsPerDay * Days;

    /// <summary>Every problem with the spec, each naming the option to fix; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ActiveAdvertisers < 1)
        {
            problems.Add("--active must be at least 1.");
        }

        if (InactiveAdvertisers < 0)
        {
            problems.Add("--inactive cannot be negative.");
        }

        if (ActiveAdvertisers + InactiveAdvertisers > 100_000)
        {
            problems.Add("--active plus --inactive cannot exceed 100000.");
        }

        if (ProductsPerAdvertiser is < 1 or > 1_000_000)
        {
            problems.Add("--products must be between 1 and 1000000.");
        }

        if (Days is < 1 or > 3660)
        {
            problems.Add("--days must be between 1 and 3660.");
        }

        if (RowsPerDay < 0)
        {
            problems.Add("--rows-per-day cannot be negative.");
        }

        if (ClickShare is < 0 or > 1 || double.IsNaN(ClickShare))
        {
            problems.Add("--click-share must be between 0 and 1.");
        }

        if (Prefix.Length > 0 && !Prefix.EndsWith('/'))
        {
            problems.Add("--prefix must be empty or end with '/'.");
        }

        return problems;
    }

    public string Extension => Format switch
    {
        SampleFormat.Csv => ".csv",
        SampleFormat.CsvGz => ".csv.gz",
        _ => ".parquet",
    };

    public string AdvertiserIdsKey => $"{Prefix}advertiser_ids.csv";

    /// <summary>The object key of one dataset's file: per day in the daily layout, else the single file.</summary>
    public string DataKey(string dataset, DateOnly day) => Layout == SampleLayout.Daily
        ? $"{Prefix}{dataset}/date={day:yyyy-MM-dd}/part-00000{Extension}"
        : $"{Prefix}{dataset}{Extension}";
}
