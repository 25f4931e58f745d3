using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Recommender.Contracts;
using Recommender.Dashboard.Admin;

namespace Recommender.Tests.Dashboard.Components;

/// <summary>
/// Base of Dashboard component tests: bUnit with MudBlazor's services, loose JS interop, and
/// <see cref="FakeRecsApi"/> as the only data source.
/// </summary>
public abstract class DashboardComponentTest : BunitContext
{
    protected DashboardComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IRecsApi>(Api);
        Services.AddSingleton(TimeProvider.System);
        Authorization = AddAuthorization();
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        // Admin calls reach the same fake; it records the actor each one names.
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new AdminOptions { Password = "secret", ApiKey = FakeRecsApi.AdminKey }));
        Services.AddSingleton<AdminRecsApiFactory>(actor => Api.ActingAs(actor));
        Services.AddScoped<AdminClient>();
    }

    /// <summary>Signed out unless a test calls <see cref="SignInAsAdmin"/>.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    protected void SignInAsAdmin()
    {
        Authorization.SetAuthorized("admin");
        Authorization.SetRoles(AdminOptions.Role);
        Authorization.SetPolicies(AdminOptions.Role);
    }

    protected FakeRecsApi Api { get; } = new();

    /// <summary>Renders <typeparamref name="TPage"/> beside the popover provider its menus and pickers need.</summary>
    protected IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        Render<MudPopoverProvider>();
        return Render(parameters ?? (_ => { }));
    }

    /// <summary>Opens <paramref name="relativeUri"/> (query string included) so [SupplyParameterFromQuery] reads it.</summary>
    protected void NavigateTo(string relativeUri) =>
        Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);

    /// <summary>Waits until the view named <paramref name="view"/> shows <paramref name="state"/>.</summary>
    protected static void WaitForState<TPage>(IRenderedComponent<TPage> page, string view, string state)
        where TPage : IComponent =>
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-view='{view}'][data-state='{state}']")), TimeSpan.FromSeconds(10));

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
