using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Recommender.AppHost.LocalPostgres;

/// <summary>
/// Healthy once the server accepts connections on its private socket, after it has set the
/// superuser's password to the current parameter value and created the declared databases.
/// Setting the password on every start keeps a reused cluster in step with a regenerated secret.
/// </summary>
internal sealed class LocalPostgresReadyCheck(LocalPostgresServerResource server) : IHealthCheck
{
    private volatile bool _provisioned;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The server names its socket after the port it listens on; there is one server per folder.
            var socketFile = Directory.Exists(server.SocketDirectory)
                ? Directory.GetFiles(server.SocketDirectory, ".s.PGSQL.*").FirstOrDefault(file => !file.EndsWith(".lock", StringComparison.Ordinal))
                : null;
            if (socketFile is null)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL has not opened its socket yet.");
            }

            var port = Path.GetExtension(socketFile)[1..];
            var socket = new NpgsqlConnectionStringBuilder
            {
                Host = server.SocketDirectory,
                Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture),
                Username = LocalPostgresServerResource.SuperUser,
                Database = "postgres",
                Pooling = false,
                Timeout = 5,
            };
            await using var connection = new NpgsqlConnection(socket.ConnectionString);
            await connection.OpenAsync(cancellationToken);

            if (!_provisioned)
            {
                await ProvisionAsync(connection, cancellationToken);
                _provisioned = true;
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not accepting connections yet.", ex);
        }
    }

    private async Task ProvisionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var password = await server.PasswordParameter.GetValueAsync(cancellationToken) ?? "";
        // ALTER ROLE takes no bind parameters; the literal is quoted by doubling single quotes.
        await using (var alter = new NpgsqlCommand(
            $"ALTER ROLE {LocalPostgresServerResource.SuperUser} PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'", connection))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var database in server.Databases.Values)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
