using DuckDB.NET.Data;

namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>
/// An in-memory DuckDB database set up for the pipeline: offline (no extension is installed or
/// loaded behind our back, so nothing is downloaded), with explicit threads and memory, and a
/// spill folder of its own so a day larger than memory goes to disk instead of failing.
/// </summary>
public sealed class DuckDbSession : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _spillDirectory;

    public DuckDbSession(EngineSettings settings)
    {
        _spillDirectory = Directory.CreateDirectory(Path.Combine(settings.TempDirectory, $"duckdb-{Guid.NewGuid():N}")).FullName;
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute($"""
            SET autoinstall_known_extensions = false;
            SET autoload_known_extensions = false;
            SET threads = {settings.Threads};
            SET memory_limit = {Sql.Text(settings.MemoryLimit)};
            SET temp_directory = {Sql.Text(_spillDirectory)};
            SET preserve_insertion_order = true;
            """);
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public T Scalar<T>(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<T> Query<T>(string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            Directory.Delete(_spillDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Spill files are DuckDB's; a leftover is harmless and the temp folder is reused.
        }
    }
}
