using System.Text.RegularExpressions;
using Recommender.Scheduler.Storage;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Foundation;

public sealed partial class SampleSeedingTests(StackFixture stack) : StackTest(stack)
{
    [Theory]
    [InlineData("ads_views")]
    [InlineData("product_views")]
    public async Task Fresh_stack_seeds_ten_days_ending_yesterday(string dataset)
    {
        var (s3, settings) = await Stack.CreateS3Async();
        var dates = new SortedSet<DateOnly>();
        await foreach (var entry in new Bucket(s3, settings).ListAsync($"raw/{dataset}/", TestContext.Current.CancellationToken))
        {
            dates.Add(DateOnly.ParseExact(PartitionDate().Match(entry.Key).Groups[1].Value, "yyyy-MM-dd"));
        }

        var yesterday = Stack.StartedOn.AddDays(-1);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => yesterday.AddDays(i - 9)), dates);
    }

    [Fact]
    public async Task Fresh_stack_lists_its_active_advertisers()
    {
        var (s3, settings) = await Stack.CreateS3Async();

        var ids = (await new Bucket(s3, settings).GetTextAsync("raw/advertiser_ids.csv", TestContext.Current.CancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("advertiser_id", ids[0]);
        Assert.Equal(20, ids.Length - 1);
    }

    [GeneratedRegex(@"/date=(\d{4}-\d{2}-\d{2})/")]
    private static partial Regex PartitionDate();
}
