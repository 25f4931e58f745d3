using Npgsql;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Foundation;

public sealed class DatabaseSchemaTests(StackFixture stack) : StackTest(stack)
{
    [Theory]
    [InlineData("top_ctr")]
    [InlineData("top_product")]
    [InlineData("daily_advertisers")]
    [InlineData("published_dates")]
    [InlineData("pipeline_runs")]
    [InlineData("pipeline_run_steps")]
    public async Task Migrations_create_table(string table)
    {
        await using var dataSource = await Stack.CreateDataSourceAsync();
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = table });

        var count = (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Migrations_are_journaled_once_each()
    {
        await using var dataSource = await Stack.CreateDataSourceAsync();
        await using var command = dataSource.CreateCommand("SELECT scriptname FROM schemaversions ORDER BY scriptname");
        var scripts = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                scripts.Add(reader.GetString(0));
            }
        }

        Assert.Contains(scripts, s => s.EndsWith("0001_models.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.EndsWith("0002_run_ledger.sql", StringComparison.Ordinal));
        Assert.Equal(scripts.Count, scripts.Distinct().Count());
    }

    [Fact]
    public async Task Model_tables_reject_a_duplicate_rank()
    {
        await using var dataSource = await Stack.CreateDataSourceAsync();
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO top_product (date, advertiser_id, rank, product_id, views) VALUES ('1999-01-01', 'SCHEMA-TEST', 1, $1, 5)",
            connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = "p1" });
        await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        insert.Parameters[0].Value = "p2";

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
    }
}
