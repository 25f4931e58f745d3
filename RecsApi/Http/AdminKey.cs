using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Http;

/// <summary>Checks the admin API key: 401 when none is presented, 403 when it is wrong.</summary>
public sealed class AdminKey(IOptions<AdminOptions> options)
{
    // Comparing hashes keeps the comparison constant-time whatever the lengths of the two keys.
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey));

    public ProblemHttpResult? Refuse(HttpContext httpContext, string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            httpContext.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiHeaders.ApiKey}\"";
            return Problems.Status(StatusCodes.Status401Unauthorized, "API key required", $"Admin calls need the {ApiHeaders.ApiKey} header.");
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(hash, _expected)
            ? null
            : Problems.Status(StatusCodes.Status403Forbidden, "API key refused", $"The {ApiHeaders.ApiKey} header does not hold the admin key.");
    }
}
