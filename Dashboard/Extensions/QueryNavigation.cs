using Microsoft.AspNetCore.Components;

namespace Recommender.Dashboard.Extensions;

/// <summary>
/// Pages keep their filters in the query string ([SupplyParameterFromQuery]) so every URL is shareable;
/// a change navigates to the new URL and the page reads it back as parameters.
/// </summary>
public static class QueryNavigation
{
    /// <summary>Navigates to the current page with <paramref name="values"/> set in its query string (null removes one).</summary>
    public static void SetQuery(this NavigationManager navigation, IReadOnlyDictionary<string, object?> values, bool replace = false) =>
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(values), replace: replace);

    /// <summary>Navigates to the current page with one query value set (null removes it).</summary>
    public static void SetQuery(this NavigationManager navigation, string name, object? value, bool replace = false) =>
        navigation.SetQuery(new Dictionary<string, object?> { [name] = value }, replace);
}
