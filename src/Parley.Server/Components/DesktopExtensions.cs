namespace Parley.Server.Components;

public static class DesktopExtensions
{
    /// <summary>The agent desktop and admin pages (Blazor, interactive server rendering; internal network only).</summary>
    public static IHostApplicationBuilder AddParleyDesktop(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static WebApplication MapParleyDesktop(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
