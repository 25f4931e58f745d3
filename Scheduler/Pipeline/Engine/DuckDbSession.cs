using DuckDB.NET.Data;
using DuckDB.NET.Native;

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
    private readonly CancellationToken _cancellationToken;
    private readonly EngineSettings _settings;
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <param name="cancellationToken">Interrupts the running statement (a step's timeout or shutdown).</param>
    /// <param name="trackProgress">DuckDB tracks each statement's progress, for <see cref="RunningShare"/> (printed nowhere).</param>
    public DuckDbSession(EngineSettings settings, CancellationToken cancellationToken = default, bool trackProgress = false)
    {
        _cancellationToken = cancellationToken;
        _settings = settings;
        _spillDirectory = Directory.CreateDirectory(Path.Combine(settings.TempDirectory, Reliability.WorkFolders.SessionFolderName())).FullName;
        _connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            _connection.Open();
            Execute($"""
                SET autoinstall_known_extensions = false;
                SET autoload_known_extensions = false;
                SET threads = {settings.Threads};
                SET memory_limit = {Sql.Text(settings.MemoryLimit)};
                SET temp_directory = {Sql.Text(_spillDirectory)};
                SET preserve_insertion_order = true;
                SET enable_progress_bar = {(trackProgress ? "true" : "false")};
                SET enable_progress_bar_print = false;
                """);
        }
        catch
        {
            // Cancelled before it started, or a setting DuckDB refuses: nobody will dispose a session never made.
            Dispose();
            throw;
        }
    }

    /// <summary>A private folder for the session's own scratch files; removed with the session.</summary>
    public string ScratchDirectory => _spillDirectory;

    /// <summary>
    /// The running statement's share done (0..1) as DuckDB estimates it; 0 when it cannot tell or
    /// nothing runs. Another thread may ask while a statement runs (it reads DuckDB's own counter).
    /// </summary>
    public double RunningShare()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return 0;
            }

            var percentage = _connection.GetQueryProgress().Percentage;
            return percentage is > 0 and <= 100 ? percentage / 100 : 0;
        }
    }

    public void Execute(string sql)
    {
        using var command = Command(sql);
        using var interrupt = _cancellationToken.Register(command.Cancel);
        Interruptible(() => command.ExecuteNonQuery());
    }

    public T Scalar<T>(string sql)
    {
        using var command = Command(sql);
        using var interrupt = _cancellationToken.Register(command.Cancel);
        var value = Interruptible(command.ExecuteScalar);
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<T> Query<T>(string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var command = Command(sql);
        using var interrupt = _cancellationToken.Register(command.Cancel);
        using var reader = Interruptible(command.ExecuteReader);
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// An interrupted statement fails as cancelled, and one that ran out of memory as that, not as a
    /// DuckDB error (which would read as bad input).
    /// </summary>
    private T Interruptible<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (DuckDBException) when (_cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(_cancellationToken);
        }
        catch (DuckDBException ex) when (ex.ErrorType == DuckDBErrorType.OutOfMemory)
        {
            throw new PipelineFailure(
                $"the engine ran out of memory (memory_limit {_settings.MemoryLimit}, threads {_settings.Threads}) even when spilling to disk; " +
                $"raise Pipeline:MemoryLimit or lower Pipeline:Threads: {ex.Message.Split('\n', 2)[0].Trim()}",
                ex);
        }
    }

    private DuckDBCommand Command(string sql)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

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
