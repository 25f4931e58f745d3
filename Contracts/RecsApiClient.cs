using Refit;

namespace Recommender.Contracts;

/// <summary>Builds <see cref="IRecsApi"/> clients that read and write the API's JSON.</summary>
public static class RecsApiClient
{
    /// <summary>Refit settings for the API: its JSON context, no reflection.</summary>
    public static RefitSettings Settings => RefitSettings.ForJsonContext(RecsJsonContext.Default);

    /// <summary>A client over <paramref name="http"/>, whose base address is the API's.</summary>
    public static IRecsApi Create(HttpClient http) => RestService.For<IRecsApi>(http, Settings);
}
