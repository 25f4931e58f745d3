namespace Aspire.Hosting.ApplicationModel;

/// <summary>A local S3 protocol server (the npm package fauxqs behind a small launcher), bound to 127.0.0.1.</summary>
public sealed class S3EmulatorResource(string name, string workingDirectory)
    : ExecutableResource(name, "node", workingDirectory)
{
    internal const string HttpEndpointName = "http";

    /// <summary>Credentials the emulator accepts (it checks none); the AWS SDK insists on having some.</summary>
    internal const string AccessKey = "recommender-local";

    internal const string Region = "us-east-1";

    internal List<string> Buckets { get; } = [];

    public EndpointReference HttpEndpoint => field ??= this.GetEndpoint(HttpEndpointName);
}
