namespace Recommender.AppHost.Extensions;

/// <summary>Tells whether a container engine is reachable, without starting one.</summary>
internal static class ContainerRuntimeProbe
{
    public static bool IsAvailable()
    {
        // A docker or podman client alone is not enough: the engine's socket must exist.
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 })
        {
            return true;
        }

        var runtimeDir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string[] sockets =
        [
            "/var/run/docker.sock",
            "/run/podman/podman.sock",
            .. runtimeDir is null ? Array.Empty<string>() : [Path.Combine(runtimeDir, "docker.sock"), Path.Combine(runtimeDir, "podman", "podman.sock")],
        ];
        return sockets.Any(File.Exists);
    }
}
