using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Parley.Server.Components;

public static class ComponentsExtensions
{
    /// <summary>The agent desktop and admin pages (Blazor, interactive server rendering; internal network only).</summary>
    public static IHostApplicationBuilder AddParleyComponents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        // After the framework's own: circuits follow the account as it is now, not as it was when they opened.
        builder.Services.AddScoped<AuthenticationStateProvider, CircuitAuthentication>();
        // An open desk counts as its agent's connection while the circuit's socket is up, not while the circuit lives.
        builder.Services.AddScoped<DeskConnection>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<DeskConnection>());
        return builder;
    }

    public static WebApplication MapParleyComponents(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
