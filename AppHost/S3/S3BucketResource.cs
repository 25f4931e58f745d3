namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A bucket on an <see cref="S3EmulatorResource"/>. Its connection string carries what an S3 client
/// needs beyond SDK defaults: <c>ServiceURL</c>, <c>Bucket</c>, <c>Region</c>, <c>ForcePathStyle</c>.
/// </summary>
public sealed class S3BucketResource(string name, string bucketName, S3EmulatorResource parent)
    : Resource(name), IResourceWithParent<S3EmulatorResource>, IResourceWithConnectionString
{
    public S3EmulatorResource Parent { get; } = parent;

    public string BucketName { get; } = bucketName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"ServiceURL={Parent.HttpEndpoint.Property(EndpointProperty.Url)};Bucket={BucketName};Region={S3EmulatorResource.Region};ForcePathStyle=true");
}
