using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Recommender.Contracts;

namespace Recommender.RecsApi.Http;

/// <summary>
/// The source a run queued through the API records: <c>api:</c> and the key's id (the first 8 hex
/// digits of its SHA-256, never the key), then <c>/</c> and the <see cref="ApiHeaders.Actor"/> when given.
/// </summary>
public static class RunSource
{
    public const int MaxActorLength = 64;

    public static string KeyId(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))[..8];

    /// <summary>The source, or a 400 when the actor is not 1–64 printable ASCII characters.</summary>
    public static (string Source, ProblemHttpResult? Problem) For(string apiKey, string? actor)
    {
        var source = $"api:{KeyId(apiKey)}";
        if (actor is null)
        {
            return (source, null);
        }

        return actor.Length is > 0 and <= MaxActorLength && actor.All(c => c is >= ' ' and <= '~')
            ? ($"{source}/{actor}", null)
            : (source, Problems.BadParameter(ApiHeaders.Actor, $"{ApiHeaders.Actor} must be 1 to {MaxActorLength} printable ASCII characters; got {Problems.Echo(actor)}."));
    }
}
