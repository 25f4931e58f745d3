using System.Net.Sockets;
using Amazon.Runtime;
using Npgsql;

namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>Which failures are worth another attempt, and how long to wait before it.</summary>
public static class RetryPolicy
{
    /// <summary>S3 or PostgreSQL hiccups, timeouts and network errors are transient; bad input and bugs are not.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PipelineFailure:
                    return false;
                case TimeoutException or SocketException or HttpRequestException:
                    return true;
                case AmazonServiceException s3 when (int)s3.StatusCode >= 500 || (int)s3.StatusCode == 429 || s3.ErrorType == ErrorType.Unknown && (int)s3.StatusCode == 0:
                    return true;
                case NpgsqlException postgres when postgres.IsTransient:
                    return true;
                case IOException io when io is not FileNotFoundException and not DirectoryNotFoundException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Exponential backoff with jitter: base × 2^(attempt−1), capped, then scaled by a random 50–100 %.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
