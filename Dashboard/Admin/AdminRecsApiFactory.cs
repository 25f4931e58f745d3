using Recommender.Contracts;

namespace Recommender.Dashboard.Admin;

/// <summary>Creates the RecsApi client admin calls go through, sending <paramref name="actor"/> as <c>X-Actor</c>.</summary>
public delegate IRecsApi AdminRecsApiFactory(string actor);
