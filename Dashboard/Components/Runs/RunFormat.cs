namespace Recommender.Dashboard.Components.Runs;

/// <summary>How the Runs pages write durations, times and counts.</summary>
public static class RunFormat
{
    public static string Duration(double? seconds) => seconds switch
    {
        null => "—",
        < 1 => $"{seconds * 1000:0} ms",
        < 120 => $"{seconds:0.0} s",
        < 7200 => $"{seconds / 60:0.0} min",
        _ => $"{seconds / 3600:0.0} h",
    };

    public static string Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'") ?? "—";

    public static string Count(long? count) => count?.ToString("N0") ?? "—";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd");

    public static string Percent(double? share) => share is null ? "—" : $"{share * 100:0.##} %";
}
