using Aspire.Hosting.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Recommender.Scheduler.Database;

namespace Recommender.Tests.Infrastructure;

/// <summary>
/// A fresh database on the stack's PostgreSQL server with the current schema, for tests that must
/// not see or disturb the stack's own <c>recs</c> database. Dropped on dispose.
/// </summary>
public sealed class IsolatedDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin;

    private IsolatedDatabase(NpgsqlDataSource admin, NpgsqlDataSource dataSource, string name, string connectionString)
    {
        _admin = admin;
        DataSource = dataSource;
        Name = name;
        ConnectionString = connectionString;
    }

    public NpgsqlDataSource DataSource { get; }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<IsolatedDatabase> CreateAsync(StackFixture stack)
    {
        var recs = new NpgsqlConnectionStringBuilder(await stack.App.GetConnectionStringAsync("recs"));
        var name = $"test_{Guid.NewGuid():N}";
        var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(recs.ConnectionString) { Database = "postgres" }.ConnectionString);
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(recs.ConnectionString) { Database = name }.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return new IsolatedDatabase(admin, dataSource, name, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using (var drop = _admin.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _admin.DisposeAsync();
    }
}
