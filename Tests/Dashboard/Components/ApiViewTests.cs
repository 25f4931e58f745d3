using System.Net;
using Bunit;
using Recommender.Dashboard.Components.Shared;

namespace Recommender.Tests.Dashboard.Components;

public sealed class ApiViewTests : DashboardComponentTest
{
    private IRenderedComponent<ApiView<IReadOnlyList<Recommender.Contracts.PublishedDate>>> RenderDates() =>
        Render<ApiView<IReadOnlyList<Recommender.Contracts.PublishedDate>>>(p => p
            .Add(v => v.Name, "dates")
            .Add(v => v.Load, Api.GetPublishedDatesAsync)
            .Add(v => v.IsEmpty, dates => dates.Count == 0)
            .Add(v => v.ChildContent, dates => $"<p id=\"count\">{dates.Count} dates</p>"));

    [Fact]
    public void Shows_a_skeleton_while_the_api_has_not_answered()
    {
        Api.WithPublishedDays(advertisers: 2, days: 3);
        Api.Hold();

        var view = RenderDates();

        Assert.NotNull(view.Find("[data-view='dates'][data-state='loading'] [data-skeleton]"));
        Api.Release();
        WaitForState(view, "dates", "ready");
        Assert.Equal("3 dates", view.Find("#count").TextContent);
    }

    [Fact]
    public void Shows_the_empty_state_when_nothing_is_published()
    {
        var view = RenderDates();

        WaitForState(view, "dates", "empty");
        Assert.Contains("Nothing published yet — run the pipeline.", view.Find("[data-empty]").TextContent);
    }

    [Fact]
    public async Task A_nothing_published_answer_is_the_empty_state_not_an_error()
    {
        Api.Failure = await FakeRecsApi.ProblemAsync(HttpStatusCode.NotFound, "Nothing published", "The pipeline has not published any date yet.");

        var view = RenderDates();

        WaitForState(view, "dates", "empty");
        Assert.Empty(view.FindAll("[data-error]"));
    }

    [Fact]
    public void Api_down_shows_an_error_with_retry_and_never_the_exception()
    {
        Api.WithPublishedDays(advertisers: 2, days: 3);
        Api.Failure = new HttpRequestException("Connection refused (recsapi:443) secret-internal-detail");

        var view = RenderDates();

        WaitForState(view, "dates", "failed");
        var error = view.Find("[data-error]").TextContent;
        Assert.Contains("RecsApi is not reachable", error);
        Assert.DoesNotContain("secret-internal-detail", view.Markup);
        Assert.DoesNotContain("HttpRequestException", view.Markup);

        Api.Failure = null;
        view.Find("[data-retry]").Click();

        WaitForState(view, "dates", "ready");
        Assert.Equal("3 dates", view.Find("#count").TextContent);
    }

    [Fact]
    public async Task An_unavailable_database_reads_as_a_temporary_outage()
    {
        Api.Failure = await FakeRecsApi.ProblemAsync(HttpStatusCode.ServiceUnavailable, "Database unavailable", "Npgsql: connection refused");

        var view = RenderDates();

        WaitForState(view, "dates", "failed");
        Assert.Contains("RecsApi is unavailable", view.Find("[data-error]").TextContent);
        Assert.DoesNotContain("Npgsql", view.Markup);
    }
}
