using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Recommender.Contracts;
using Recommender.RecsApi.Http;

namespace Recommender.RecsApi.Apis;

/// <summary>An order of <c>GET /advertisers</c> (see <see cref="AdvertiserSorts"/>): a field, ascending or descending, ties by id.</summary>
public readonly record struct AdvertiserOrder(string Field, bool Descending)
{
    public static bool TryParse(string? sort, out AdvertiserOrder order, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        order = new AdvertiserOrder(AdvertiserSorts.AdvertiserId, false);
        if (sort is null)
        {
            return true;
        }

        var descending = sort.StartsWith('-');
        var field = descending ? sort[1..] : sort;
        if (!AdvertiserSorts.Fields.Contains(field, StringComparer.Ordinal))
        {
            problem = Problems.BadParameter(
                "sort", $"sort must be one of {string.Join(", ", AdvertiserSorts.Fields)}, optionally with a leading - for descending; {Problems.Echo(sort)} is not.");
            return false;
        }

        order = new AdvertiserOrder(field, descending);
        return true;
    }

    /// <summary><paramref name="advertisers"/> (ordered by id) in this order; the by-id order is returned as it is.</summary>
    public IReadOnlyList<AdvertiserSummary> Sort(IReadOnlyList<AdvertiserSummary> advertisers)
    {
        if (Field == AdvertiserSorts.AdvertiserId)
        {
            return Descending ? [.. advertisers.Reverse()] : advertisers;
        }

        Func<AdvertiserSummary, long> key = Field switch
        {
            AdvertiserSorts.LatestDate => a => a.LatestDate.DayNumber,
            AdvertiserSorts.DatesActive => a => a.DatesActive,
            AdvertiserSorts.TopCtrProducts => a => a.TopCtrProducts,
            AdvertiserSorts.TopProductProducts => a => a.TopProductProducts,
            AdvertiserSorts.Impressions => a => a.Impressions,
            AdvertiserSorts.Clicks => a => a.Clicks,
            _ => a => a.Views,
        };

        // A stable sort of the by-id list keeps ties in id order.
        return Descending ? [.. advertisers.OrderByDescending(key)] : [.. advertisers.OrderBy(key)];
    }

    public override string ToString() => Descending ? $"-{Field}" : Field;
}
