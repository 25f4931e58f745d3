using System.Globalization;
using System.Text.RegularExpressions;

namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>What a DuckDB session may use: threads, memory, and where it spills.</summary>
public sealed partial record EngineSettings(int Threads, string MemoryLimit, string TempDirectory, int MaxFieldLength)
{
    /// <summary>What one summed key of the CSV digest costs in memory, growth of its tables included.</summary>
    private const long BytesPerDigestKey = 128;

    /// <summary>
    /// Distinct (day, advertiser, product) keys each CSV reading thread sums in memory before it
    /// spills its sums to disk: by default, together, half of <see cref="MemoryLimit"/>.
    /// </summary>
    public long DigestKeysPerThread { get; init; }

    public long ResolveDigestKeysPerThread() =>
        DigestKeysPerThread > 0 ? DigestKeysPerThread : Math.Max(1, Bytes(MemoryLimit) / 2 / Math.Max(1, Threads) / BytesPerDigestKey);

    public static EngineSettings From(PipelineOptions options) =>
        new(options.ResolveThreads(), options.MemoryLimit, options.ResolveTempDirectory(), options.MaxFieldLength);

    /// <summary>A DuckDB memory size such as <c>2GB</c> or <c>512MiB</c> in bytes (KB = 1000, KiB = 1024).</summary>
    public static long Bytes(string size) =>
        TryBytes(size, out var bytes) ? bytes : throw new ArgumentException($"'{size}' is not a memory size like '2GB' or '512MiB'.", nameof(size));

    public static bool TryBytes(string size, out long bytes)
    {
        var match = SizePattern().Match(size);
        if (!match.Success)
        {
            bytes = 0;
            return false;
        }

        var unit = match.Groups[2].Value.ToUpperInvariant();
        var scale = unit switch
        {
            "B" => 1d,
            "KB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            "TB" => 1e12,
            "KIB" => 1024d,
            "MIB" => 1024d * 1024,
            "GIB" => 1024d * 1024 * 1024,
            _ => 1024d * 1024 * 1024 * 1024,
        };
        bytes = (long)(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * scale);
        return true;
    }

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();
}
