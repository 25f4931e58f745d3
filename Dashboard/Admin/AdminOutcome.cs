using System.Diagnostics.CodeAnalysis;

namespace Recommender.Dashboard.Admin;

/// <summary>What an admin action did: its answer when it succeeded, otherwise a sentence for the operator (never an exception).</summary>
public sealed record AdminOutcome<T>(T? Value, string? Problem)
{
    [MemberNotNullWhen(false, nameof(Problem))]
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Problem is null;

    public static AdminOutcome<T> Ok(T value) => new(value, null);

    public static AdminOutcome<T> Failed(string problem) => new(default, problem);
}
