using System.Net;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

[Collection(SharedRecsDatabase.Name)]
public sealed class RunsApiTests(StackFixture stack) : AdminTest(stack)
{
    private static readonly DateOnly OldDate = new(2001, 5, 1);

    [Fact]
    public async Task Runs_list_newest_first_with_step_progress()
    {
        var queued = (await Admin.QueueRunAsync(OldDate, StackFixture.AdminApiKey)).Content!;

        var page = await Api.GetRunsAsync(cancellationToken: Cancel);

        Assert.Equal(page.Items.Select(r => r.Id).OrderDescending(), page.Items.Select(r => r.Id));
        var run = Assert.Single(page.Items, r => r.Id == queued.RunId);
        Assert.Equal(4, run.StepsTotal);
        Assert.Equal(OldDate, run.LogicalDate);
    }

    [Fact]
    public async Task Runs_filter_by_status()
    {
        var queued = (await Admin.QueueRunAsync(OldDate.AddDays(1), StackFixture.AdminApiKey)).Content!;

        // A worker that finds the date locked holds the run for an instant before handing it back.
        var page = await Api.GetRunsAsync("queued", pageSize: 500, cancellationToken: Cancel);
        await EventuallyAsync(async () =>
        {
            page = await Api.GetRunsAsync("queued", pageSize: 500, cancellationToken: Cancel);
            return page.Items.Any(r => r.Id == queued.RunId);
        }, "the queued run to be listed as queued");

        Assert.All(page.Items, r => Assert.Equal("queued", r.Status));
    }

    [Fact]
    public async Task Run_shows_each_step_in_pipeline_order()
    {
        var queued = (await Admin.QueueRunAsync(OldDate.AddDays(2), StackFixture.AdminApiKey)).Content!;

        var run = await Api.GetRunAsync(queued.RunId, Cancel);

        Assert.Equal(queued.RunId, run.Run.Id);
        Assert.Equal(["filter", "top_ctr", "top_product", "publish"], run.Steps.Select(s => s.Step));
        Assert.Null(run.DataQuality.AdsViews); // a queued run has no findings yet
    }

    [Fact]
    public async Task Unknown_run_is_404()
    {
        await ProblemAsync(HttpStatusCode.NotFound, () => Api.GetRunAsync(long.MaxValue, Cancel));
    }

    [Theory]
    [InlineData("/runs/abc", "id")]
    [InlineData("/runs/0", "id")]
    [InlineData("/runs?status=done", "status")]
    [InlineData("/runs?page_size=0", "page_size")]
    public async Task Bad_parameters_are_400_naming_them(string path, string parameter)
    {
        using var response = await Http.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"parameter\":\"{parameter}\"", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
