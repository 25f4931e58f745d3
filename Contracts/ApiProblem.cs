namespace Recommender.Contracts;

/// <summary>
/// An RFC 7807 problem, as every error of the API is answered. <see cref="Parameter"/> names the
/// request parameter at fault for a 400.
/// </summary>
public sealed record ApiProblem(string? Type, string? Title, int? Status, string? Detail, string? Instance, string? Parameter);
