using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Recommender.Contracts;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Http;

/// <summary>A requested page: <c>?page=</c> from 1, <c>?page_size=</c> up to the configured maximum.</summary>
public readonly record struct Paging(int Page, int Size)
{
    /// <summary>Far beyond any real list; keeps offsets inside an int.</summary>
    private const int MaxPage = 1_000_000;

    public int Offset => (Page - 1) * Size;

    public static bool TryParse(string? page, string? pageSize, ApiOptions options, out Paging paging, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        paging = default;
        if (!RequestValues.TryInt(page, "page", 1, MaxPage, 1, out var number, out problem)
            || !RequestValues.TryInt(pageSize, "page_size", 1, options.MaxPageSize, options.DefaultPageSize, out var size, out problem))
        {
            return false;
        }

        paging = new Paging(number, size);
        return true;
    }

    /// <summary>This page of <paramref name="items"/>, which hold the whole list.</summary>
    public Page<T> Of<T>(IReadOnlyList<T> items) =>
        Of(items.Skip(Math.Min(Offset, items.Count)).Take(Size).ToArray(), items.Count);

    /// <summary>A page whose items were already cut out of a list of <paramref name="total"/> items.</summary>
    public Page<T> Of<T>(IReadOnlyList<T> pageItems, int total) =>
        new(Page, Size, total, (total + Size - 1) / Size, pageItems);
}
