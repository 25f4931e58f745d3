using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Recommender.RecsApi.Data;

/// <summary>
/// The API's SQL, kept in <c>Data/Sql/*.sql</c> (embedded). A file may hold several statements
/// separated by a blank line after a semicolon; they run as one batch, one round trip.
/// </summary>
internal static partial class Sql
{
    private static readonly ConcurrentDictionary<string, string[]> Scripts = new();

    /// <summary>A batch of the statements of <c>Data/Sql/{name}.sql</c>, each given the same positional parameters.</summary>
    public static NpgsqlBatch Batch(NpgsqlConnection connection, string name, params object?[] values)
    {
        var batch = connection.CreateBatch();
        foreach (var statement in Scripts.GetOrAdd(name, Load))
        {
            var command = new NpgsqlBatchCommand(statement);
            foreach (var value in values)
            {
                command.Parameters.Add(Parameter(value));
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private static NpgsqlParameter Parameter(object? value) => value is null
        ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }
        : new NpgsqlParameter { Value = value };

    private static string[] Load(string name)
    {
        var resource = $"{typeof(Sql).Namespace}.Sql.{name}.sql";
        using var stream = typeof(Sql).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The SQL script {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return StatementEnd().Split(reader.ReadToEnd())
            .Select(statement => statement.Trim().TrimEnd(';'))
            .Where(statement => statement.Length > 0)
            .ToArray();
    }

    [GeneratedRegex(@";[ \t]*\r?\n[ \t]*\r?\n")]
    private static partial Regex StatementEnd();
}
