using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Recommender.Benchmarks;

/// <summary>
/// A throw-away PostgreSQL (the OS's server binaries, as user postgres when run as root) and the
/// stack's S3 emulator (in memory), each on a free loopback port, stopped and removed on dispose.
/// </summary>
internal sealed class LocalServers : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly string _root = Directory.CreateTempSubdirectory("recs-bench-servers-").FullName;

    public string PostgresConnectionString { get; private set; } = "";

    public string StorageConnectionString { get; private set; } = "";

    /// <summary>The S3 emulator's peak resident set so far: it holds every object in memory.</summary>
    public long EmulatorPeakBytes => _emulator is { HasExited: false } emulator ? PeakMemory.PeakBytesOf(emulator.Id) : 0;

    private Process? _emulator;

    public static async Task<LocalServers> StartAsync()
    {
        var servers = new LocalServers();
        try
        {
            await servers.StartPostgresAsync();
            await servers.StartS3Async();
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    private async Task StartPostgresAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql).");
        var data = Path.Combine(_root, "pg");
        var socket = Path.Combine(_root, "pg-run");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(socket);
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            Run("chown", ["-R", "postgres:postgres", _root]);
        }

        Run(asRoot ? "setpriv" : Path.Combine(bin, "initdb"),
            [.. Privileges(asRoot), .. asRoot ? [Path.Combine(bin, "initdb")] : Array.Empty<string>(), "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale"]);

        var port = FreePort();
        _processes.Add(Start(asRoot ? "setpriv" : Path.Combine(bin, "postgres"),
            [.. Privileges(asRoot), .. asRoot ? [Path.Combine(bin, "postgres")] : Array.Empty<string>(),
             "-D", data, "-c", "listen_addresses=127.0.0.1", "-c", $"port={port}", "-c", $"unix_socket_directories={socket}",
             "-c", "shared_buffers=256MB", "-c", "max_connections=50"], null));

        var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        await WaitAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE recs", connection);
            await create.ExecuteNonQueryAsync();
        });
        PostgresConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=recs";
    }

    private async Task StartS3Async()
    {
        var emulator = FindEmulator();
        Run("node", ["install.mjs"], emulator);
        var port = FreePort();
        _emulator = Start("node", ["server.mjs"], emulator, new Dictionary<string, string>
        {
            ["PORT"] = $"{port}",
            ["S3_HOST"] = "127.0.0.1",
            ["S3_BUCKETS"] = "recs-data",
            ["S3_MAX_BODY_MB"] = "2048",
        });
        _processes.Add(_emulator);
        using var http = new HttpClient();
        await WaitAsync(async () => (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"))).EnsureSuccessStatusCode());
        StorageConnectionString = $"ServiceURL=http://127.0.0.1:{port};Bucket=recs-data;Region=us-east-1;ForcePathStyle=true";
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "recommender-local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "recommender-local");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    private static string FindEmulator()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "AppHost", "S3Emulator");
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("AppHost/S3Emulator not found above the benchmark's folder.");
    }

    private static string[] Privileges(bool asRoot) => asRoot ? ["--reuid=postgres", "--regid=postgres", "--init-groups"] : [];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitAsync(Func<Task> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await probe();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static void Run(string command, IEnumerable<string> args, string? directory = null)
    {
        using var process = Start(command, args, directory);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} exited with code {process.ExitCode}.");
        }
    }

    private static Process Start(string command, IEnumerable<string> args, string? directory, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = directory ?? "/", RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                // postgres shuts down cleanly on SIGTERM; node closes its listener.
                Process.Start("kill", ["-TERM", $"{process.Id}"])?.WaitForExit();
                if (!process.WaitForExit(10_000))
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            process.Dispose();
        }

        await Task.Yield();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless.
        }
    }
}
