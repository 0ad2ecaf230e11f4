namespace Parley.Server.Tests.Infrastructure;

/// <summary>A fresh real server for every test, for tests whose routing state (presence, offers) must not leak.</summary>
public abstract class ServerPerTest : IAsyncLifetime
{
    protected ParleyServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = new ParleyServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
