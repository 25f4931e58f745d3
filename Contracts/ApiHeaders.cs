namespace Recommender.Contracts;

public static class ApiHeaders
{
    /// <summary>The header that carries the admin API key on admin calls.</summary>
    public const string ApiKey = "X-Api-Key";

    /// <summary>
    /// Optional on admin calls: who acts through the key (e.g. <c>dashboard:admin</c>), at most 64
    /// printable ASCII characters; recorded in the run's source after the key's id.
    /// </summary>
    public const string Actor = "X-Actor";
}
