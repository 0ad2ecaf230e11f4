using Microsoft.AspNetCore.Components.Authorization;

namespace Parley.Server.Components;

public static class DesktopExtensions
{
    /// <summary>The agent desktop and admin pages (Blazor, interactive server rendering; internal network only).</summary>
    public static IHostApplicationBuilder AddParleyDesktop(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        // After the framework's own: circuits follow the account as it is now, not as it was when they opened.
        builder.Services.AddScoped<AuthenticationStateProvider, CircuitAuthentication>();
        return builder;
    }

    public static WebApplication MapParleyDesktop(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
