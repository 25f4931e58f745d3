using System.Globalization;

namespace Recommender.Benchmarks.LoadBenchmark;

/// <summary>
/// Command-line settings: <c>--size full|tiny</c>, <c>--duration S</c>, <c>--connections N</c>, <c>--threads N</c>,
/// <c>--advertisers N</c> (up to 100,000), <c>--ready-timeout S</c> (how long RecsApi may take to load; 60 s by default).
/// </summary>
internal sealed record BenchmarkSettings(int Advertisers, int Days, int Duration, int Connections, int Threads, bool Tiny, int ReadyTimeout)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"'{args[^1]}' has no value.");
        }

        var tiny = values.GetValueOrDefault("size", "full") switch
        {
            "full" => false,
            "tiny" => true,
            var other => throw new ArgumentException($"--size is '{other}'; use full or tiny."),
        };

        int Int(string name, int fallback, int max) =>
            values.TryGetValue(name, out var text)
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
                    ? value
                    : throw new ArgumentException($"--{name} must be a whole number from 1 to {max}.")
                : fallback;

        return new BenchmarkSettings(
            Advertisers: Int("advertisers", tiny ? 20 : 200, 100_000),
            Days: 7,
            Duration: Int("duration", tiny ? 2 : 20, 600),
            Connections: Int("connections", tiny ? 8 : 32, 1_000),
            Threads: Int("threads", 2, 64),
            Tiny: tiny,
            ReadyTimeout: Int("ready-timeout", 60, 3_600));
    }
}
