namespace Recommender.Tests.Infrastructure;

/// <summary>
/// Whole-stack tests that stop one of the stack's shared servers (PostgreSQL). Every test in the
/// run uses those servers, so these run alone, after all the others have finished; they also
/// publish into the stack's <c>recs</c> database, which running alone makes safe as well.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerOutage
{
    public const string Name = "server outage";
}
