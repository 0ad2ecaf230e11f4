namespace Parley.Server.Tests.Infrastructure;

/// <summary>One real server shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ParleyServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = new ParleyServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
