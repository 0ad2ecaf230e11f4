using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.RoutingHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>What the admin board and the desk show follows routing as it is, whatever the change was.</summary>
public sealed class LiveBoardInBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task Chats_that_nobody_can_take_show_on_the_board_and_in_the_pick_list_at_once()
    {
        await using var server = new ParleyServer();
        await using var bobContext = await NewDesktopContextAsync(server.BaseAddress);
        await using var aliceContext = await NewDesktopContextAsync(server.BaseAddress);
        var bob = await BrowserFixture.SignInAsync(bobContext, "bob", "status", Patience);
        var admin = await BrowserFixture.SignInAsync(aliceContext, "alice", "status", Patience);
        var errors = new List<string>();
        bob.PageError += (_, e) => errors.Add("bob: " + e);
        admin.PageError += (_, e) => errors.Add("admin: " + e);
        await admin.GotoAsync("admin");

        // Every agent Away: nobody can take a chat, so routing decides nothing when one arrives.
        await bob.ClickAsync("[data-part=presence-away]", new() { Timeout = Patience });
        await bob.ClickAsync("[data-part=presence-reason-option][data-reason=Lunch]");
        await Expect(bob.Locator("[data-part=status]")).ToContainTextAsync("Lunch", new() { Timeout = Patience });
        await using (var alice = await server.ConnectAgentAsync("alice"))
        {
            await alice.Connection.InvokeAsync("SetPresenceWithReason", AgentPresence.Away, "Meeting");
        }

        var board = server.Services.GetRequiredService<LiveBoard>();
        Assert.All(board.Agents, a => Assert.NotEqual(AgentPresence.Available, a.Presence));
        var waiting = admin.Locator("[data-part=queue-row][data-queue=sales] [data-part=queue-waiting]");
        await Expect(waiting).ToHaveTextAsync("0", new() { Timeout = Patience });

        foreach (var name in new[] { "Ann", "Ben", "Cy", "Dee" })
        {
            await server.StartConversationAsync(queue: "sales", name: name);
        }

        // Nothing else happens: the board and Bob's pick list (sales is a manual-pick queue) still show all four.
        await Expect(waiting).ToHaveTextAsync("4", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=pick-item]")).ToHaveCountAsync(4, new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=pick-list] .count")).ToHaveTextAsync("4");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-board-all-away.png"), FullPage = true });
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-pick-list-all-away.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_desk_whose_network_drops_is_set_offline_after_the_configured_time_not_when_its_circuit_expires()
    {
        // The circuit itself is kept for minutes after the socket drops (Blazor's DisconnectedCircuitRetentionPeriod).
        var signOutAfter = TimeSpan.FromSeconds(2);
        await using var server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Routing:SignOutAfterDisconnect"] = signOutAfter.ToString() });
        var board = server.Services.GetRequiredService<LiveBoard>();
        var connections = server.Services.GetRequiredService<AgentConnections>();
        await using var relay = new TcpRelay(server.BaseAddress);
        await using var context = await NewDesktopContextAsync(relay.BaseAddress);
        var bob = await BrowserFixture.SignInAsync(context, "bob", "status", Patience);
        await bob.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=status]")).ToContainTextAsync("Ready", new() { Timeout = Patience });
        Assert.Equal(1, connections.OpenCount("bob"));

        // The network goes, without the page saying goodbye (no close frame, no disconnect beacon).
        relay.Cut();
        var cutAt = DateTimeOffset.UtcNow;
        var offline = await Eventually.ThatAsync(
            () => board.Agent("bob"), a => a is { Presence: AgentPresence.Offline }, "Bob set Offline", TimeSpan.FromSeconds(20));
        var took = DateTimeOffset.UtcNow - cutAt;
        output.WriteLine($"Set Offline {took.TotalSeconds:0.00} s after the network dropped (SignOutAfterDisconnect {signOutAfter.TotalSeconds} s)");

        Assert.Equal(AgentConnections.DisconnectedReason, offline!.Reason);
        Assert.InRange(took, signOutAfter - TimeSpan.FromMilliseconds(500), signOutAfter + TimeSpan.FromSeconds(10));
        Assert.Equal(0, connections.OpenCount("bob"));
        // The agent is told, not left looking at a desk that no longer works (Blazor's own notice is blocked by the CSP).
        await Expect(bob.Locator("[data-part=reconnect]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-network-dropped.png") });
    }

    [Fact]
    public async Task A_desk_that_reconnects_in_time_counts_again_and_stays_available()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Routing:SignOutAfterDisconnect"] = "00:01:00" });
        var board = server.Services.GetRequiredService<LiveBoard>();
        var connections = server.Services.GetRequiredService<AgentConnections>();
        await using var relay = new TcpRelay(server.BaseAddress);
        await using var context = await NewDesktopContextAsync(relay.BaseAddress);
        var bob = await BrowserFixture.SignInAsync(context, "bob", "status", Patience);
        await bob.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=status]")).ToContainTextAsync("Ready", new() { Timeout = Patience });

        relay.Cut();
        await Eventually.ThatAsync(() => connections.OpenCount("bob"), n => n == 0, "the dropped desk no longer counted");
        relay.Restore();

        // Blazor reconnects the same circuit: the desk counts again and the sign-out timer is off.
        await Eventually.ThatAsync(() => connections.OpenCount("bob"), n => n == 1, "the desk counted again", TimeSpan.FromSeconds(45));
        Assert.Equal(AgentPresence.Available, board.Agent("bob")!.Presence);
        await bob.ClickAsync("[data-part=presence-away]", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=presence-reasons]")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    private Task<IBrowserContext> NewDesktopContextAsync(Uri baseAddress) =>
        browser.Browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
