using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Parley.Routing;
using Parley.Server.RoutingHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>An agent who was Available before a core restart and came back after the grace time reads on the desk why they are Offline.</summary>
public sealed class PresenceAfterRestartInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task The_desk_says_the_agent_is_offline_because_the_server_restarted_and_they_did_not_come_back_in_time()
    {
        var directory = Directory.CreateTempSubdirectory("parley-presence-").FullName;
        try
        {
            await using (var server = new ParleyServer(directory))
            {
                await using var alice = await server.ConnectAgentAsync("alice");
                await alice.GoAvailableAsync();
            }

            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using var restarted = new ParleyServer(directory, time: time);
            var board = restarted.Services.GetRequiredService<LiveBoard>();
            time.Advance(TimeSpan.FromMinutes(1));
            await Eventually.ThatAsync(() => board.Agent("alice")!, a => a.Reason is not null, "the end of the grace time");

            await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = restarted.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
            var page = await BrowserFixture.SignInAsync(context, "alice", "status", Patience);

            var status = page.Locator("[data-part=status]");
            await Assertions.Expect(status).ToContainTextAsync("Offline", new() { Timeout = Patience });
            await Assertions.Expect(status.Locator("[data-part=status-reason]")).ToHaveTextAsync(
                "The server restarted more than 1 minute ago and your desk did not reconnect in time. You receive no chats");
            await Assertions.Expect(page.Locator("[data-part=presence-offline]")).ToHaveAttributeAsync("aria-checked", "true");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-offline-after-restart.png") });
            Assert.Equal(AgentPresence.Offline, board.Agent("alice")!.Presence);
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }
}
