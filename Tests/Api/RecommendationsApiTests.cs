using System.Net;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

[Collection(SharedRecsDatabase.Name)]
public sealed class RecommendationsApiTests(StackFixture stack) : StandardDataTest(stack)
{
    [Theory]
    [InlineData(ModelNames.TopCtr)]
    [InlineData(ModelNames.TopProduct)]
    public async Task Latest_recommendations_are_the_latest_published_list_ranked_with_scores(string model)
    {
        var response = await Api.GetRecommendationsAsync(Data.Alpha, model, cancellationToken: Cancel);

        Assert.Equal(Data.Alpha, response.AdvertiserId);
        Assert.Equal(model, response.Model);
        Assert.Equal(Data.D0, response.Date);
        Assert.Equal(Data.AlphaOn(Data.D0).Expected(model), response.Products);
    }

    [Theory]
    [InlineData("TOP_CTR", ModelNames.TopCtr)]
    [InlineData("Top_Product", ModelNames.TopProduct)]
    public async Task Model_names_are_case_insensitive(string asked, string canonical)
    {
        var response = await Api.GetRecommendationsAsync(Data.Alpha, asked, cancellationToken: Cancel);

        Assert.Equal(canonical, response.Model);
        Assert.Equal(Data.AlphaOn(Data.D0).Expected(canonical), response.Products);
    }

    [Theory]
    [InlineData(ModelNames.TopCtr)]
    [InlineData(ModelNames.TopProduct)]
    public async Task Recommendations_of_an_earlier_date_are_that_dates_list(string model)
    {
        var response = await Api.GetRecommendationsAsync(Data.Alpha, model, Data.D2.ToString("yyyy-MM-dd"), Cancel);

        Assert.Equal(Data.D2, response.Date);
        Assert.Equal(Data.AlphaOn(Data.D2).Expected(model), response.Products);
    }

    [Fact]
    public async Task Asking_for_the_latest_date_explicitly_gives_the_same_answer()
    {
        var implicitly = await Api.GetRecommendationsAsync(Data.Alpha, ModelNames.TopCtr, cancellationToken: Cancel);
        var explicitly = await Api.GetRecommendationsAsync(Data.Alpha, ModelNames.TopCtr, Data.D0.ToString("yyyy-MM-dd"), Cancel);

        Assert.Equal(implicitly.Products, explicitly.Products);
        Assert.Equal(implicitly.Date, explicitly.Date);
    }

    [Fact]
    public async Task Active_advertiser_without_recommendations_gets_an_empty_list()
    {
        var response = await Api.GetRecommendationsAsync(Data.Bravo, ModelNames.TopProduct, cancellationToken: Cancel);

        Assert.Equal(Data.D0, response.Date);
        Assert.Empty(response.Products);
    }

    [Fact]
    public async Task Unknown_model_is_404_naming_the_valid_models()
    {
        var problem = await ProblemAsync(HttpStatusCode.NotFound, () => Api.GetRecommendationsAsync(Data.Alpha, "top_clicks", cancellationToken: Cancel));

        Assert.Contains("top_clicks", problem.Detail);
        Assert.Contains("top_ctr", problem.Detail);
        Assert.Contains("top_product", problem.Detail);
    }

    [Fact]
    public async Task Unknown_advertiser_is_404_saying_so()
    {
        var problem = await ProblemAsync(HttpStatusCode.NotFound, () => Api.GetRecommendationsAsync(Data.Nobody, ModelNames.TopCtr, cancellationToken: Cancel));

        Assert.Equal("Unknown advertiser", problem.Title);
        Assert.Contains(Data.Nobody, problem.Detail);
    }

    [Fact]
    public async Task Unknown_advertiser_on_an_earlier_date_is_404_saying_so()
    {
        var problem = await ProblemAsync(HttpStatusCode.NotFound,
            () => Api.GetRecommendationsAsync(Data.Nobody, ModelNames.TopCtr, Data.D1.ToString("yyyy-MM-dd"), Cancel));

        Assert.Equal("Unknown advertiser", problem.Title);
    }

    [Fact]
    public async Task Advertiser_without_data_on_the_latest_date_is_404_naming_the_date()
    {
        var problem = await ProblemAsync(HttpStatusCode.NotFound, () => Api.GetRecommendationsAsync(Data.Charlie, ModelNames.TopCtr, cancellationToken: Cancel));

        Assert.Contains(Data.Charlie, problem.Detail);
        Assert.Contains(Data.D0.ToString("yyyy-MM-dd"), problem.Detail);
    }

    [Fact]
    public async Task Advertiser_without_data_on_an_earlier_date_is_404_naming_the_date()
    {
        var problem = await ProblemAsync(HttpStatusCode.NotFound,
            () => Api.GetRecommendationsAsync(Data.Charlie, ModelNames.TopCtr, Data.D2.ToString("yyyy-MM-dd"), Cancel));

        Assert.Contains(Data.D2.ToString("yyyy-MM-dd"), problem.Detail);
    }

    [Fact]
    public async Task Date_that_is_not_published_is_404_naming_it()
    {
        var problem = await ProblemAsync(HttpStatusCode.NotFound, () => Api.GetRecommendationsAsync(Data.Alpha, ModelNames.TopCtr, "2001-01-01", Cancel));

        Assert.Contains("2001-01-01", problem.Detail);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2024-13-01")]
    [InlineData("20240101")]
    [InlineData("yesterday")]
    [InlineData("")]
    public async Task Malformed_date_is_400_naming_the_parameter(string date)
    {
        var problem = await ProblemAsync(HttpStatusCode.BadRequest, () => Api.GetRecommendationsAsync(Data.Alpha, ModelNames.TopCtr, date, Cancel));

        Assert.Equal("date", problem.Parameter);
    }

    [Fact]
    public async Task Advertiser_ids_are_case_sensitive()
    {
        await ProblemAsync(HttpStatusCode.NotFound, () => Api.GetRecommendationsAsync(Data.Alpha.ToLowerInvariant(), ModelNames.TopCtr, cancellationToken: Cancel));
    }
}
