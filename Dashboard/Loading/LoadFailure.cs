using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Recommender.Contracts;
using Refit;

namespace Recommender.Dashboard.Loading;

/// <summary>
/// What a user reads when a load fails: a title and one sentence, never the exception itself.
/// <see cref="NothingPublished"/> is not a failure to the user but the empty state.
/// </summary>
public sealed record LoadFailure(string Title, string Message, bool NothingPublished = false, bool NotFound = false)
{
    /// <summary>RecsApi's title for a 404 before the pipeline has published any date.</summary>
    public const string NothingPublishedTitle = "Nothing published";

    public static LoadFailure From(Exception exception) => exception switch
    {
        ApiException api => FromApi(api),
        HttpRequestException or BrokenCircuitException or TimeoutRejectedException or TaskCanceledException =>
            new("RecsApi is not reachable", "The recommendations service did not answer. It may be restarting; try again in a moment."),
        _ => new("Something went wrong", "This view could not be loaded. Try again; if it keeps failing, tell the operators."),
    };

    private static LoadFailure FromApi(ApiException exception)
    {
        var problem = ReadProblem(exception.Content);
        return exception.StatusCode switch
        {
            HttpStatusCode.NotFound when problem?.Title == NothingPublishedTitle =>
                new(problem.Title, "Nothing published yet — run the pipeline.", NothingPublished: true),
            HttpStatusCode.NotFound => new(problem?.Title ?? "Not found", problem?.Detail ?? "RecsApi has no such item.", NotFound: true),
            HttpStatusCode.BadRequest => new(problem?.Title ?? "Invalid request", problem?.Detail ?? "RecsApi refused the request."),
            HttpStatusCode.ServiceUnavailable =>
                new("RecsApi is unavailable", "The recommendations service cannot read its database right now. It recovers by itself; try again in a moment."),
            _ => new("RecsApi failed", $"The recommendations service answered {(int)exception.StatusCode}. Try again in a moment."),
        };
    }

    /// <summary>The problem in a RecsApi error body, or null when it holds none.</summary>
    public static ApiProblem? ReadProblem(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(content, RecsJsonContext.Default.ApiProblem);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
