using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Recommender.AppHost.LocalPostgres;

namespace Aspire.Hosting;

public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server that runs from the OS's server binaries, its cluster kept in
    /// <paramref name="dataRoot"/> across restarts. Bound to 127.0.0.1; health-checked.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, string binDirectory, string dataRoot)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var home = PostgresDataDirectory.Resolve(dataRoot);
        var postgres = Path.Combine(binDirectory, "postgres");

        var server = home.RunAsUser is null
            ? new LocalPostgresServerResource(name, postgres, home.Root, password, home.SocketDirectory)
            : new LocalPostgresServerResource(name, "setpriv", home.Root, password, home.SocketDirectory);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, cancellationToken) =>
        {
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            var value = await password.GetValueAsync(cancellationToken) ?? "";
            await Task.Run(() => home.EnsureCluster(binDirectory, value, logger), cancellationToken);
        });

        // One instance for the AppHost's life: it provisions the role and databases once.
        var readyCheck = new LocalPostgresReadyCheck(server);
        var healthCheckKey = $"{name}_ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => readyCheck, failureStatus: null, tags: null));

        return builder.AddResource(server)
            // The server takes its port from PGPORT; Aspire's proxy keeps the public port stable across restarts.
            .WithEndpoint(name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp", env: "PGPORT")
            .WithArgs(context =>
            {
                if (home.RunAsUser is not null)
                {
                    foreach (var arg in PostgresDataDirectory.DropPrivileges)
                    {
                        context.Args.Add(arg);
                    }

                    context.Args.Add(postgres);
                }

                foreach (var arg in ServerArguments(home))
                {
                    context.Args.Add(arg);
                }
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("DatabaseMultiple");
    }

    /// <summary>Adds a database that is created on the server when the server is first ready.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Databases[name] = database.DatabaseName;

        var healthCheckKey = $"{name}_ready";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new ConnectionStringReadyCheck(database), failureStatus: null, tags: null));

        return builder.ApplicationBuilder.AddResource(database).WithParentState().WithHealthCheck(healthCheckKey);
    }

    private static IEnumerable<string> ServerArguments(PostgresDataDirectory home) =>
    [
        "-D", home.ClusterDirectory,
        "-c", "listen_addresses=127.0.0.1",
        "-c", $"unix_socket_directories={home.SocketDirectory}",
        "-c", "max_connections=200",
        "-c", "shared_buffers=256MB",
    ];
}
