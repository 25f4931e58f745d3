using System.Collections.Concurrent;
using System.Text;

namespace Recommender.RecsApi.Apis;

/// <summary>
/// The load benchmark's yardstick: a fixed JSON body of a chosen size, answered with no work at all,
/// on the same server and pipeline as the real endpoints. Mapped only when Benchmark:CeilingEndpoint is true.
/// </summary>
public static class CeilingApi
{
    private const int MaxBytes = 1024 * 1024;
    private static readonly ConcurrentDictionary<int, byte[]> Bodies = new();

    public static IEndpointRouteBuilder MapCeilingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/benchmark/ceiling/{bytes:int}", WriteAsync)
            .WithTags("Benchmark")
            .WithName("BenchmarkCeiling")
            .WithSummary("A fixed JSON body of the given size (load benchmark only)")
            .ExcludeFromDescription();

        return app;
    }

    // As plain as an endpoint gets: no result object, no headers beyond the content's own.
    private static Task WriteAsync(HttpContext httpContext, int bytes)
    {
        var response = httpContext.Response;
        if (bytes is < 16 or > MaxBytes)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }

        var body = Bodies.GetOrAdd(bytes, Body);
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    private static byte[] Body(int bytes)
    {
        const string start = "{\"padding\":\"", end = "\"}";
        return Encoding.UTF8.GetBytes(start + new string('x', bytes - start.Length - end.Length) + end);
    }
}
