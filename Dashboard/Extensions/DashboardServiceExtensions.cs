using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Recommender.Contracts;

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
    /// The only way to data: <see cref="IRecsApi"/> (Refit) over the HttpClient factory, which adds service discovery
    /// and the standard resilience handler from ServiceDefaults. Nothing is cached here, so a publish shows at once.
    /// </summary>
    public static IHostApplicationBuilder AddRecsApiClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecsApiOptions>()
            .BindConfiguration(RecsApiOptions.Section)
            .Validate(options => Uri.TryCreate(options.BaseAddress, UriKind.Absolute, out _),
                $"{RecsApiOptions.Section}:BaseAddress must be an absolute URL, such as https+http://recsapi.")
            .ValidateOnStart();
        // A typed client over the contract's generated Refit client (Refit's own factory extension needs the
        // reflection request builder, which the contract does not ship).
        builder.Services.AddHttpClient(nameof(IRecsApi), (services, http) =>
                http.BaseAddress = new Uri(services.GetRequiredService<IOptions<RecsApiOptions>>().Value.BaseAddress))
            .AddTypedClient(RecsApiClient.Create);
        return builder;
    }
}
