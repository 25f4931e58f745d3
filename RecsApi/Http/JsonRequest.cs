using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Recommender.RecsApi.Http;

/// <summary>Reads a small JSON request body by hand, so a malformed one gets a 400 naming the field at fault.</summary>
public static class JsonRequest
{
    /// <summary>Admin bodies are a date or two; anything near this size is not one.</summary>
    private const long MaxBodyBytes = 16 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : class
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "JSON expected", "The request body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
            return value is null
                ? (null, Problems.BadParameter("body", "The request body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, Problems.BadParameter(field, $"The request body is not valid here ({FirstSentence(ex.Message)})."));
        }
    }

    // System.Text.Json appends path and position details that say nothing more to a client.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
