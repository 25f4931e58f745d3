using Recommender.RecsApi.Apis;
using Recommender.RecsApi.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRecsApiServices();

var app = builder.Build();

app.UseRecsApiErrors();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapRecommendationsApi();
app.MapHistoryApi();
app.MapStatsApi();
app.MapAdvertisersApi();
app.MapDatesApi();
app.MapRunsApi();
app.MapAdminApi();
app.MapPipelineApi();
app.MapApiReference();
app.MapBenchmarkEndpoints();

app.Run();
