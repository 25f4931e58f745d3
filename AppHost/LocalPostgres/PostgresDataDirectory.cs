using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace Recommender.AppHost.LocalPostgres;

/// <summary>
/// The on-disk home of a local PostgreSQL server: the cluster folder, the socket folder, and the
/// OS user the server runs as (PostgreSQL refuses to run as root, so root hands it to 'postgres').
/// </summary>
internal sealed class PostgresDataDirectory
{
    private const string ServiceUser = "postgres";

    private PostgresDataDirectory(string root, string? runAsUser)
    {
        Root = root;
        RunAsUser = runAsUser;
    }

    public string Root { get; }

    public string ClusterDirectory => Path.Combine(Root, "data");

    public string SocketDirectory => Path.Combine(Root, "run");

    /// <summary>The OS user the server runs as when the AppHost runs as root; null otherwise.</summary>
    public string? RunAsUser { get; }

    public static PostgresDataDirectory Resolve(string preferredRoot)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return new PostgresDataDirectory(preferredRoot, runAsUser: null);
        }

        // As root the server runs as 'postgres', which must be able to reach the folder. A clone under
        // /root is out of its reach, so fall back to a folder of its own, one per checkout.
        Directory.CreateDirectory(preferredRoot);
        if (Run("setpriv", [.. DropPrivileges, "test", "-x", preferredRoot]) == 0)
        {
            return new PostgresDataDirectory(preferredRoot, ServiceUser);
        }

        var checkout = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(preferredRoot)))[..12];
        return new PostgresDataDirectory(Path.Combine("/var/lib/recommender", checkout, "postgres"), ServiceUser);
    }

    /// <summary>Arguments that make <c>setpriv</c> run the rest of the command line as the service user.</summary>
    public static string[] DropPrivileges => [$"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups"];

    /// <summary>Creates the cluster on first start; later starts reuse it.</summary>
    public void EnsureCluster(string binDirectory, string password, ILogger logger)
    {
        Directory.CreateDirectory(ClusterDirectory);
        Directory.CreateDirectory(SocketDirectory);
        if (RunAsUser is not null)
        {
            Require(Run("chown", ["-R", $"{RunAsUser}:{RunAsUser}", Root]), $"chown of {Root}");
        }

        if (!OperatingSystem.IsWindows())
        {
            // initdb and the server insist on a private cluster folder.
            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            File.SetUnixFileMode(ClusterDirectory, ownerOnly);
            File.SetUnixFileMode(SocketDirectory, ownerOnly);
        }

        if (File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            logger.LogInformation("Reusing the PostgreSQL cluster in {Directory}", ClusterDirectory);
            return;
        }

        logger.LogInformation("Creating a PostgreSQL cluster in {Directory}", ClusterDirectory);
        var passwordFile = Path.Combine(Root, "initdb.pw");
        File.WriteAllText(passwordFile, password);
        try
        {
            if (RunAsUser is not null)
            {
                Require(Run("chown", [$"{RunAsUser}:{RunAsUser}", passwordFile]), "chown of the password file");
            }

            // Local socket connections are trusted (the socket folder is private to the server's user);
            // TCP connections need the password.
            string[] initdb =
            [
                Path.Combine(binDirectory, "initdb"), "-D", ClusterDirectory, "-U", LocalPostgresServerResource.SuperUser,
                "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}",
                "--encoding=UTF8", "--no-locale", "--no-instructions",
            ];
            var exit = RunAsUser is null ? Run(initdb[0], initdb[1..]) : Run("setpriv", [.. DropPrivileges, .. initdb]);
            Require(exit, "initdb");
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static void Require(int exitCode, string what)
    {
        if (exitCode != 0)
        {
            throw new DistributedApplicationException($"Preparing local PostgreSQL failed: {what} exited with code {exitCode}.");
        }
    }

    private static int Run(string command, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine(error.Result);
        }

        return process.ExitCode;
    }
}
