namespace Recommender.Benchmarks;

/// <summary>The process's peak resident set (VmHWM), which Linux lets a process reset between phases.</summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        try
        {
            // "5" resets the peak RSS counter of this process (see proc(5), clear_refs).
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the figure then covers the whole process.
        }
    }

    public static long PeakBytes() => PeakBytesOf(null);

    /// <summary>The peak resident set of another process (or of this one), from /proc.</summary>
    public static long PeakBytesOf(int? processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "self"}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            return Environment.WorkingSet;
        }
    }

    public static string Format(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";
}
