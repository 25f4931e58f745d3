using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.RecsApi.Apis;
using Recommender.RecsApi.Data;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Options;
using Recommender.RecsApi.Snapshot;

namespace Recommender.RecsApi.Extensions;

public static class RecsApiServiceExtensions
{
    /// <summary>Options, PostgreSQL, the published-data snapshot, JSON, errors, rate limits and OpenAPI.</summary>
    public static IHostApplicationBuilder AddRecsApiServices(this IHostApplicationBuilder builder)
    {
        builder.AddOptions();
        builder.AddRecsDatabase();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SnapshotStore>();
        builder.Services.AddSingleton<SnapshotLoader>();
        builder.Services.AddSingleton<SnapshotLoadSlots>();
        builder.Services.AddSingleton(sp => SnapshotDataSource.Create(
            builder.Configuration.GetConnectionString("recs") ?? throw new InvalidOperationException("ConnectionStrings:recs is not set."),
            sp.GetRequiredService<IOptions<SnapshotOptions>>().Value.LoadTimeoutSeconds));
        builder.Services.AddHostedService<SnapshotRefresher>();
        builder.Services.AddHealthChecks().AddCheck<SnapshotHealthCheck>("snapshot");
        builder.Services.AddSingleton<RecommendationQueries>();
        builder.Services.AddSingleton<RunLedger>();
        builder.Services.AddSingleton<RunQueue>();
        builder.Services.AddSingleton<PipelineSettingsStore>();
        builder.Services.AddSingleton<CacheControl>();
        builder.Services.AddSingleton<DatabaseOutageLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseOutageLog>());
        builder.Services.AddSingleton<AdminKey>();

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // The same names as the contract's own context, so OpenAPI documents what is sent.
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, RecsJsonContext.Default);
        });

        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // Every 503 means "PostgreSQL is away": tell clients when to come back.
            if (context.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable)
            {
                context.HttpContext.Response.Headers.RetryAfter = RecsExceptionHandler.RetryAfterSeconds;
            }
        });
        builder.Services.AddExceptionHandler<RecsExceptionHandler>();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
            // Long enough that a hostile 10 KB id reaches the API and gets a problem answer, not a bare 414.
            kestrel.Limits.MaxRequestLineSize = 32 * 1024);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(AdminApi.RateLimitPolicy, http =>
            {
                var admin = http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = admin.RateLimitBurst,
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / admin.RateLimitPerMinute,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
        });

        builder.Services.AddOpenApi();
        return builder;
    }

    private static void AddOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SnapshotOptions>().BindConfiguration(SnapshotOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BenchmarkOptions>().BindConfiguration(BenchmarkOptions.Section);
    }

    private static void AddRecsDatabase(this IHostApplicationBuilder builder)
    {
        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.AddNpgsqlDataSource("recs", configureDataSourceBuilder: dataSource =>
        {
            // Fail fast while PostgreSQL is away, so callers get a 503 instead of a hanging request.
            dataSource.ConnectionStringBuilder.Timeout = api.DatabaseConnectTimeoutSeconds;
            dataSource.ConnectionStringBuilder.CommandTimeout = api.DatabaseCommandTimeoutSeconds;
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many admin requests",
                Detail = $"Admin calls from this address are rate-limited; try again in {retryAfter} s.",
            },
        });
    }
}
