using Microsoft.AspNetCore.Diagnostics;

namespace Recommender.RecsApi.Http;

/// <summary>
/// The last word on every exception: a problem-details answer and never a stack trace. A database
/// outage is a 503 with Retry-After (the next request reconnects by itself); anything else
/// unexpected is a 500 that is logged with its trace id.
/// </summary>
public sealed partial class RecsExceptionHandler(IProblemDetailsService problemDetails, DatabaseOutageLog outageLog, ILogger<RecsExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Sent with every 503; the problem-details customization adds it.</summary>
    public const string RetryAfterSeconds = "5";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away; nobody is left to answer
        }

        var (status, title, detail) = exception switch
        {
            _ when DatabaseErrors.IsUnavailable(exception) =>
                (StatusCodes.Status503ServiceUnavailable, "Database unavailable", "PostgreSQL cannot be reached right now; try again in a few seconds."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The request failed unexpectedly; the error has been logged."),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            outageLog.Unavailable(httpContext.Request.Path, exception.Message);
        }
        else if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while answering {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, PathString path);
}
