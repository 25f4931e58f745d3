using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Primitives;

namespace Recommender.RecsApi.Http;

/// <summary>
/// A 200 with a body serialized ahead of time, its ETag and Cache-Control; a 304 without a body when
/// the request's If-None-Match names the ETag. Documents itself in OpenAPI as a <typeparamref name="T"/>.
/// </summary>
public sealed class JsonBody<T>(CachedJson json, StringValues cacheControl) : IResult, IEndpointMetadataProvider
{
    private static readonly StringValues ContentType = new("application/json; charset=utf-8");

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = json.ETag;
        response.Headers.CacheControl = cacheControl;
        if (ETags.Matches(httpContext.Request.Headers.IfNoneMatch, json.ETag[0]!))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentType = ContentType;
        response.ContentLength = json.Body.Length;
        return response.Body.WriteAsync(json.Body, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}
