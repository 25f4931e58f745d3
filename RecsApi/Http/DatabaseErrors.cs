using System.Net.Sockets;
using Npgsql;

namespace Recommender.RecsApi.Http;

internal static class DatabaseErrors
{
    /// <summary>
    /// Whether the failure means PostgreSQL cannot be reached or is shutting down or overloaded —
    /// something that heals by itself — rather than a fault in the request or the code.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException postgres:
                    // 08 connection exception, 53 insufficient resources, 57P operator intervention (shutdown, recovery).
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
