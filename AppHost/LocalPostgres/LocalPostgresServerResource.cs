namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A PostgreSQL server run from the operating system's binaries as an executable, for machines
/// without a container engine. Services see it exactly as Aspire's container-based server.
/// </summary>
public sealed class LocalPostgresServerResource(
    string name, string command, string workingDirectory, ParameterResource password, string socketDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string SuperUser = "postgres";

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The Unix socket folder; only the server's OS user (and root) can enter it.</summary>
    internal string SocketDirectory { get; } = socketDirectory;

    internal Dictionary<string, string> Databases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public EndpointReference PrimaryEndpoint => field ??= this.GetEndpoint(PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={SuperUser};Password={PasswordParameter}");
}
