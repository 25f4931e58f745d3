using MudBlazor;

namespace Recommender.Dashboard.Components.Layout;

/// <summary>The one theme: its light and dark palettes; which one shows follows the system or the toggle.</summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#8a4b00",
            AppbarBackground = "#1f5fa8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb2ff",
            PrimaryContrastText = "#0b1a2e", // dark text on the light primary keeps contrast (selected toggles, filled buttons)
            Secondary = "#ffb86b",
            AppbarBackground = "#1e2330",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };
}
