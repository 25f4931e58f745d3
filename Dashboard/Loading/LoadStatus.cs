namespace Recommender.Dashboard.Loading;

/// <summary>Where a view's load from RecsApi stands; rendered as <c>data-state</c> so tests and people can tell.</summary>
public enum LoadStatus
{
    Loading,
    Empty,
    Ready,
    Failed,
}
