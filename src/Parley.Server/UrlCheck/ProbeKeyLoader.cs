namespace Parley.Server.UrlCheck;

/// <summary>Loads (or creates) the installation key at start-up, by creating the probe signer.</summary>
internal sealed class ProbeKeyLoader(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ProbeSigner>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
