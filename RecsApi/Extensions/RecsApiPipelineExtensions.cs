using Microsoft.Extensions.Options;
using Recommender.RecsApi.Apis;
using Recommender.RecsApi.Options;
using Scalar.AspNetCore;

namespace Recommender.RecsApi.Extensions;

public static class RecsApiPipelineExtensions
{
    /// <summary>Problem details for every error: exceptions, unknown routes and bare status codes alike.</summary>
    public static WebApplication UseRecsApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json and its browsable reference at /scalar.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("Recommender RecsApi"));
        return app;
    }

    /// <summary>The load benchmark's ceiling endpoint, when configured (off by default).</summary>
    public static WebApplication MapBenchmarkEndpoints(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<BenchmarkOptions>>().Value.CeilingEndpoint)
        {
            app.MapCeilingApi();
        }

        return app;
    }
}
