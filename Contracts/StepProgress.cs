namespace Recommender.Contracts;

/// <summary>
/// How far a running step is: <see cref="Done"/> of <see cref="Total"/> <see cref="Unit"/>
/// (<c>bytes</c> or <c>rows</c>) as the worker last reported it (at most once a second).
/// <see cref="Fraction"/> is 0..1 when the total is known; <see cref="EtaSeconds"/> extrapolates
/// the rate since the step started.
/// </summary>
public sealed record StepProgress(string Unit, long Done, long? Total, DateTimeOffset UpdatedAt, double? Fraction, double? EtaSeconds);
