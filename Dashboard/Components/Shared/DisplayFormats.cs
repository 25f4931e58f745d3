using System.Globalization;

namespace Recommender.Dashboard.Components.Shared;

/// <summary>How the dashboard writes dates, shares and durations, the same on every page.</summary>
public static class DisplayFormats
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Percent(double percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A share between 0 and 1, as a percentage.</summary>
    public static string Share(double? share) => share is null ? "—" : (share.Value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Score(double score) => score.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Duration(double? seconds) => seconds switch
    {
        null => "—",
        < 60 => seconds.Value.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 3600 => $"{(int)(seconds.Value / 60)} min {(int)(seconds.Value % 60)} s",
        _ => $"{(int)(seconds.Value / 3600)} h {(int)(seconds.Value % 3600 / 60)} min",
    };

    /// <summary>How long ago a day was, in words ("today", "1 day ago", "3 days ago").</summary>
    public static string Age(DateOnly date, DateOnly today) => (today.DayNumber - date.DayNumber) switch
    {
        0 => "today",
        1 => "1 day ago",
        var days => $"{days} days ago",
    };

    public static string ModelTitle(string model) => model == Contracts.ModelNames.TopCtr ? "Best CTR (top_ctr)" : "Most viewed (top_product)";
}
