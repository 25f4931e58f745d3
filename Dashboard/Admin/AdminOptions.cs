namespace Recommender.Dashboard.Admin;

/// <summary>The one admin account and the RecsApi key its actions use (configuration section <c>Admin</c>); server-side only.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The role of a signed-in admin.</summary>
    public const string Role = "admin";

    public string UserName { get; set; } = "admin";

    /// <summary>The admin's password (the AppHost's secret parameter <c>dashboard-admin-password</c>).</summary>
    public string Password { get; set; } = "";

    /// <summary>RecsApi's admin API key (the AppHost's secret parameter <c>admin-api-key</c>); never sent to the browser.</summary>
    public string ApiKey { get; set; } = "";
}
