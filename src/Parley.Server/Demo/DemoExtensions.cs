using Parley.Server.Hosting;

namespace Parley.Server.Demo;

public static class DemoExtensions
{
    /// <summary>The demo's settings; start-up seeds the demo data with them.</summary>
    public static IHostApplicationBuilder AddParleyDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptionsSection<DemoOptions>(DemoOptions.Section);
        return builder;
    }
}
