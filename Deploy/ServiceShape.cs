namespace Recommender.Deploy;

/// <summary>How big a service's tasks are and how many run; a service not listed gets <see cref="Default"/>.</summary>
public sealed record ServiceShape(int Cpu, int MemoryMiB, int MinTasks, int MaxTasks)
{
    public static ServiceShape Default { get; } = new(256, 512, 1, 1);

    private static readonly Dictionary<string, ServiceShape> Known = new()
    {
        // Serves ad servers: scales out on CPU and request count.
        ["recsapi"] = new(512, 1024, 2, 10),
        // DuckDB needs memory; one task is enough, the advisory lock makes more safe.
        ["scheduler"] = new(1024, 4096, 1, 1),
        ["dashboard"] = new(512, 1024, 1, 1),
    };

    public bool AutoScales => MaxTasks > MinTasks;

    public static ServiceShape For(string service) => Known.GetValueOrDefault(service, Default);
}
