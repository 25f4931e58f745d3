using Microsoft.AspNetCore.Http.HttpResults;

namespace Recommender.RecsApi.Http;

/// <summary>The API's RFC 7807 answers.</summary>
public static class Problems
{
    private const int EchoLimit = 80;

    /// <summary>A 400 naming the parameter at fault.</summary>
    public static ProblemHttpResult BadParameter(string parameter, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Invalid parameter '{parameter}'",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: title);

    public static ProblemHttpResult Status(int statusCode, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: statusCode, title: title);

    /// <summary>A client's value for a message: quoted, and cut short so a 10 KB id does not come back whole.</summary>
    public static string Echo(string? value) =>
        value is null ? "(none)"
        : value.Length <= EchoLimit ? $"'{value}'"
        : $"'{value[..EchoLimit]}…' ({value.Length} characters)";
}
