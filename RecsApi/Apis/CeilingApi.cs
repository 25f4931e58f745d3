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
        app.MapGet("/benchmark/ceiling/{bytes:int}", (int bytes) =>
                bytes is < 16 or > MaxBytes
                    ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter 'bytes'", detail: $"bytes must be from 16 to {MaxBytes}.")
                    : Results.Bytes(Bodies.GetOrAdd(bytes, Body), "application/json"))
            .WithTags("Benchmark")
            .WithName("BenchmarkCeiling")
            .WithSummary("A fixed JSON body of the given size (load benchmark only)")
            .ExcludeFromDescription();

        return app;
    }

    private static byte[] Body(int bytes)
    {
        const string start = "{\"padding\":\"", end = "\"}";
        return Encoding.UTF8.GetBytes(start + new string('x', bytes - start.Length - end.Length) + end);
    }
}
