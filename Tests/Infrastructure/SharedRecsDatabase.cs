namespace Recommender.Tests.Infrastructure;

/// <summary>
/// Whole-stack tests that publish into the stack's own <c>recs</c> database, or depend on what is
/// published there (the latest date, retention), run one at a time in this collection: one
/// test's publish would otherwise move another's "latest date" or trigger retention under it.
/// Tests that need data of their own use an <see cref="IsolatedDatabase"/> and run in parallel.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedRecsDatabase
{
    public const string Name = "recs database";
}
