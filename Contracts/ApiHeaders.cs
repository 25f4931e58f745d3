namespace Recommender.Contracts;

public static class ApiHeaders
{
    /// <summary>The header that carries the admin API key on admin calls.</summary>
    public const string ApiKey = "X-Api-Key";
}
