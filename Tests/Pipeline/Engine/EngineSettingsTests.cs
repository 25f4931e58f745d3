using Recommender.Scheduler.Pipeline.Engine;

namespace Recommender.Tests.Pipeline.Engine;

public sealed class EngineSettingsTests
{
    [Theory]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("512MiB", 536_870_912L)]
    [InlineData("1.5 gb", 1_500_000_000L)]
    [InlineData("100B", 100L)]
    public void Memory_sizes_are_read_as_duckdb_reads_them(string size, long bytes) =>
        Assert.Equal(bytes, EngineSettings.Bytes(size));

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("-1GB")]
    [InlineData("2 gigabytes")]
    public void A_size_that_is_not_one_is_refused_naming_it(string size) =>
        Assert.Contains($"'{size}'", Assert.Throws<ArgumentException>(() => EngineSettings.Bytes(size)).Message, StringComparison.Ordinal);

    [Fact]
    public void The_csv_reading_threads_share_half_the_memory_limit_unless_told_otherwise()
    {
        var settings = new EngineSettings(Threads: 2, MemoryLimit: "2GB", TempDirectory: "/tmp", MaxFieldLength: 64);

        Assert.Equal(2_000_000_000L / 2 / 2 / 128, settings.ResolveDigestKeysPerThread());
        Assert.Equal(1_000, (settings with { DigestKeysPerThread = 1_000 }).ResolveDigestKeysPerThread());
    }
}
