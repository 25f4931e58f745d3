using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.Dashboard.Admin;

namespace Recommender.Dashboard.Extensions;

public static class AdminExtensions
{
    private const string AdminClientName = "recsapi-admin";

    /// <summary>
    /// The admin's cookie sign-in and the server-side client of RecsApi's admin calls. Everyone else
    /// reads the dashboard signed out; admin pages need the <see cref="AdminOptions.Role"/> role.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>()
            .BindConfiguration(AdminOptions.Section)
            .Validate(options => options.Password.Length > 0,
                $"{AdminOptions.Section}:Password must be set (the AppHost passes its parameter dashboard-admin-password).")
            .Validate(options => options.ApiKey.Length > 0,
                $"{AdminOptions.Section}:ApiKey must be set (the AppHost passes its parameter admin-api-key).")
            .ValidateOnStart();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = AccountEndpoints.SignInPath;
                options.AccessDeniedPath = AccountEndpoints.SignInPath;
                options.ReturnUrlParameter = "returnUrl";
                options.Cookie.Name = "recommender-admin";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminOptions.Role, policy => policy.RequireRole(AdminOptions.Role));
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddHttpClient(AdminClientName, (services, http) =>
            http.BaseAddress = new Uri(services.GetRequiredService<IOptions<RecsApiOptions>>().Value.BaseAddress));
        builder.Services.AddScoped<AdminRecsApiFactory>(services => actor =>
        {
            var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(AdminClientName);
            http.DefaultRequestHeaders.Add(ApiHeaders.Actor, actor);
            return RecsApiClient.Create(http);
        });
        builder.Services.AddScoped<AdminClient>();
        return builder;
    }
}
