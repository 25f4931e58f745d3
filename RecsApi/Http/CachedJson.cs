using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Primitives;

namespace Recommender.RecsApi.Http;

/// <summary>A response body serialized once, with the strong ETag that names its bytes.</summary>
public sealed class CachedJson
{
    private CachedJson(byte[] body)
    {
        Body = body;
        // Eight bytes of SHA-256 tell bodies apart well enough for revalidation and cost little.
        ETag = new StringValues($"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8))}\"");
    }

    public byte[] Body { get; }

    public StringValues ETag { get; }

    public static CachedJson Serialize<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    public static CachedJson FromBytes(byte[] body) => new(body);
}
