using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Recommender.Contracts;
using Refit;

namespace Recommender.Dashboard.Extensions;

public static class DashboardServiceExtensions
{
    /// <summary>Blazor with interactive server rendering, MudBlazor, and the RecsApi client.</summary>
    public static IHostApplicationBuilder AddDashboardServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddRecsApiClient();
        return builder;
    }

    /// <summary>
    /// The only way to data: <see cref="IRecsApi"/> over the HttpClient factory, which adds service discovery
    /// and the standard resilience handler from ServiceDefaults. Nothing is cached here, so a publish shows at once.
    /// </summary>
    public static IHostApplicationBuilder AddRecsApiClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecsApiOptions>()
            .BindConfiguration(RecsApiOptions.Section)
            .Validate(options => Uri.TryCreate(options.BaseAddress, UriKind.Absolute, out _),
                $"{RecsApiOptions.Section}:BaseAddress must be an absolute URL, such as https+http://recsapi.")
            .ValidateOnStart();
        builder.Services.AddRefitClient<IRecsApi>(RecsApiClient.Settings)
            .ConfigureHttpClient((services, http) =>
                http.BaseAddress = new Uri(services.GetRequiredService<IOptions<RecsApiOptions>>().Value.BaseAddress));
        return builder;
    }
}
