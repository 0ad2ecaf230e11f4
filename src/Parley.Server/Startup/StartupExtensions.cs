using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Startup;

public static class StartupExtensions
{
    /// <summary>
    /// Start-up work and the banner. On the core: the queues and agents defined in configuration (checked before
    /// anything is written), the database migrated, those queues and agents written, routing loaded — before the
    /// routing ticker runs and the transport takes the first request (hosted services start in registration order,
    /// so call this before the features).
    /// </summary>
    public static IHostApplicationBuilder AddParleyStartup(this IHostApplicationBuilder builder, ParleyRole role)
    {
        builder.Services.AddSingleton<StartupReport>();
        if (role.HasCore)
        {
            builder.Services.AddOptions<QueuesAndAgentsOptions>().BindConfiguration(QueuesAndAgentsOptions.Section).ValidateOnStart();
            builder.Services.AddSingleton<IValidateOptions<QueuesAndAgentsOptions>, QueuesAndAgentsOptionsValidator>();
            builder.Services.AddHostedService<StartupInitializer>();
        }

        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }
}
