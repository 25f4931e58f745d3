namespace Recommender.Dashboard.Components.Shared;

public enum SkeletonShape
{
    Text,
    Table,
    Chart,
}
