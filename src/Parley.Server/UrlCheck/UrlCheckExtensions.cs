using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.UrlCheck;

public static class UrlCheckExtensions
{
    /// <summary>
    /// The URL check of publishing through a reverse proxy: the edge probes' signer and limits, and the External URL checker used by
    /// the admin page <c>/admin/edges</c> and the <c>check-url</c> verb.
    /// </summary>
    public static IHostApplicationBuilder AddParleyUrlCheck(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new ProbeSigner(InstallationKey.LoadOrCreate(sp.GetRequiredService<IOptions<ParleyOptions>>().Value)));
        builder.Services.AddSingleton<EdgeProbe>();
        builder.Services.AddSingleton(sp => new UrlChecker(sp.GetRequiredService<ProbeSigner>(), logger: sp.GetRequiredService<ILogger<UrlChecker>>()));
        builder.Services.AddRateLimiter(limits => limits.AddPolicy<string, ProbeRateLimitPolicy>(ProbeEndpoints.Limit));
        // The key exists from start-up on (not from the first customer), so that `check-url` on this machine finds it.
        builder.Services.AddHostedService<ProbeKeyLoader>();
        return builder;
    }

    /// <summary>The edge probes; mapped by every role that serves customers.</summary>
    public static IEndpointRouteBuilder MapParleyUrlCheck(this IEndpointRouteBuilder app) => app.MapEdgeProbes();
}
