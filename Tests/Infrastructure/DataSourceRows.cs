using System.Globalization;
using Npgsql;

namespace Recommender.Tests.Infrastructure;

/// <summary>A query's rows as text, for assertions on what the database holds.</summary>
public static class DataSourceRows
{
    /// <summary>Every row of a query as values joined by '|' (dates as yyyy-MM-dd, numbers invariant).</summary>
    public static async Task<List<string>> RowsAsync(this NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancel))
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join('|', values.Select(v => v is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
