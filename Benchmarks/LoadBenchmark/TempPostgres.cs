using System.Diagnostics;
using Npgsql;
using Recommender.Tests.Infrastructure;

namespace Recommender.Benchmarks.LoadBenchmark;

/// <summary>
/// A throw-away PostgreSQL server in a temporary folder, bound to 127.0.0.1, run as the
/// <c>postgres</c> OS user when this program runs as root (the server refuses root). Durability
/// is off: the data lives only as long as the benchmark. Dispose stops it and deletes the folder.
/// </summary>
internal sealed class TempPostgres : IAsyncDisposable
{
    private readonly Process _server;
    private readonly string _root;

    private TempPostgres(Process server, string root, int port)
    {
        _server = server;
        _root = root;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=recs";
    }

    public string ConnectionString { get; }

    public static async Task<TempPostgres> StartAsync()
    {
        var bin = FindBinaries();
        var asPostgres = Environment.IsPrivilegedProcess;
        var root = Directory.CreateTempSubdirectory("recs-bench-pg-").FullName;
        var data = Path.Combine(root, "data");
        if (asPostgres)
        {
            await Processes.RunAsync(Processes.Command("chown", ["-R", "postgres:postgres", root]), TimeSpan.FromSeconds(10));
        }

        await Processes.RunAsync(
            Processes.Command(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-instructions"], asPostgres),
            TimeSpan.FromMinutes(1));

        var port = WebAppProcess.FreeLoopbackPort();
        var server = Process.Start(Processes.Command(Path.Combine(bin, "postgres"),
        [
            "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", root,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "shared_buffers=256MB",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        ], asPostgres)) ?? throw new InvalidOperationException("postgres did not start.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var postgres = new TempPostgres(server, root, port);
        await postgres.CreateDatabaseAsync(port);
        return postgres;
    }

    private async Task CreateDatabaseAsync(int port)
    {
        var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE DATABASE recs", connection);
                await create.ExecuteNonQueryAsync();
                return;
            }
            catch (NpgsqlException) when (clock.Elapsed < TimeSpan.FromSeconds(30) && !_server.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    private static string FindBinaries() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(dir => Path.Combine(dir, "bin"))
            .Where(dir => File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb")))
            .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var version) ? version : 0)
            .FirstOrDefault()
        ?? throw new InvalidOperationException("The PostgreSQL server binaries were not found (Debian: apt-get install postgresql).");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!_server.HasExited)
        {
            // SIGINT is PostgreSQL's fast shutdown: it ends sessions and stops cleanly.
            await Processes.RunAsync(Processes.Command("kill", ["-INT", _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]), TimeSpan.FromSeconds(5));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _server.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _server.Kill(entireProcessTree: true);
            }
        }

        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
