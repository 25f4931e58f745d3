using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Recommender.RecsApi.Http;

/// <summary>
/// Parses route and query values by hand, so that a malformed one is answered with a 400 that names
/// it rather than the framework's generic binding failure.
/// </summary>
public static class RequestValues
{
    /// <summary>Longer ids than this are certainly not advertiser ids (the real ones have 20 characters).</summary>
    public const int MaxIdLength = 200;

    public static bool TryAdvertiserId(string? value, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = string.IsNullOrWhiteSpace(value) ? Problems.BadParameter("advertiser_id", "advertiser_id must not be empty or blank.")
            : value.Length > MaxIdLength ? Problems.BadParameter("advertiser_id", $"advertiser_id is {value.Length} characters long; at most {MaxIdLength} are allowed.")
            : value.Any(char.IsControl) ? Problems.BadParameter("advertiser_id", "advertiser_id must not contain control characters.")
            : null;
        return problem is null;
    }

    /// <summary>An optional date as YYYY-MM-DD; null when absent.</summary>
    public static bool TryDate(string? value, string name, out DateOnly? date, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        date = null;
        problem = null;
        if (value is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        problem = Problems.BadParameter(name, $"{name} must be a calendar date written YYYY-MM-DD; {Problems.Echo(value)} is not.");
        return false;
    }

    /// <summary>An optional whole number within [min, max]; <paramref name="fallback"/> when absent.</summary>
    public static bool TryInt(
        string? value, string name, int min, int max, int fallback, out int number, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        number = fallback;
        if (value is null)
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= min && number <= max)
        {
            return true;
        }

        problem = Problems.BadParameter(name, $"{name} must be a whole number from {min} to {max}; {Problems.Echo(value)} is not.");
        return false;
    }

    /// <summary>An optional value that must be one of <paramref name="allowed"/> (exactly as spelled there); null when absent.</summary>
    public static bool TryOneOf(string? value, string name, IReadOnlyList<string> allowed, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? null
            : Problems.BadParameter(name, $"{name} must be one of {string.Join(", ", allowed)}; {Problems.Echo(value)} is not.");
        return problem is null;
    }
}
