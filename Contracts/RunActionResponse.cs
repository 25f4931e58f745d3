namespace Recommender.Contracts;

/// <summary>
/// The answer to an operator action on a run (resume, cancel): the run's status afterwards and a
/// sentence for the operator, e.g. that a cancel reached the run inside Publish and it will finish.
/// </summary>
public sealed record RunActionResponse(long RunId, string Action, bool Done, string Status, string Message);

/// <summary>The actions of <see cref="RunActionResponse"/>.</summary>
public static class RunActions
{
    public const string Resume = "resume";
    public const string Cancel = "cancel";
}
