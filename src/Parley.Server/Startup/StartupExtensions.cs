using Microsoft.Extensions.Options;

namespace Parley.Server.Startup;

public static class StartupExtensions
{
    /// <summary>The queues and agents defined in configuration, checked at start-up before anything is written.</summary>
    public static IHostApplicationBuilder AddParleyStartup(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueuesAndAgentsOptions>().BindConfiguration(QueuesAndAgentsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<QueuesAndAgentsOptions>, QueuesAndAgentsOptionsValidator>();
        return builder;
    }
}
