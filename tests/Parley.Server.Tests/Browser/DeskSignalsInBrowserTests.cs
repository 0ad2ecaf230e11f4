using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>How the desk tells an agent about a customer's message in a chat they are not looking at.</summary>
public sealed class DeskSignalsInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    // Records what the page would show or play, and puts the desk in the background (not focused).
    private const string Recorder = """
        window.__parley = { notes: [], tones: 0 };
        window.Notification = class {
          constructor(title, options) { window.__parley.notes.push({ title, body: options && options.body }); }
          close() {}
          static get permission() { return "granted"; }
          static requestPermission() { return Promise.resolve("granted"); }
        };
        const RealAudio = window.AudioContext;
        window.AudioContext = class extends RealAudio {
          createOscillator() { window.__parley.tones++; return super.createOscillator(); }
        };
        document.hasFocus = () => false;
        """;

    [Fact]
    public async Task A_message_in_a_background_chat_counts_in_the_title_rings_when_asked_and_notifies_while_unfocused()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        await context.AddInitScriptAsync(Recorder);
        var alice = await BrowserFixture.SignInAsync(context, "alice", "status", Patience);
        var errors = new List<string>();
        alice.PageError += (_, e) => errors.Add(e);
        await alice.ClickAsync("[data-part=presence-available]");
        await Expect(alice.Locator("[data-part=status]")).ToContainTextAsync("Ready", new() { Timeout = Patience });

        // Two chats; the second one accepted is in front, Ann's is in the background.
        var ann = await Server.StartConversationAsync(name: "Ann");
        await alice.Locator($"[data-part=offer][data-conversation-id='{ann.ConversationId}'] [data-part=offer-accept]").ClickAsync(new() { Timeout = Patience });
        var ben = await Server.StartConversationAsync(name: "Ben");
        await alice.Locator($"[data-part=offer][data-conversation-id='{ben.ConversationId}'] [data-part=offer-accept]").ClickAsync(new() { Timeout = Patience });
        await Expect(alice.Locator("[data-part=tab]")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await Expect(alice.Locator($"[data-part=tab][data-conversation-id='{ben.ConversationId}']")).ToHaveAttributeAsync("data-active", "true", new() { Timeout = Patience });
        await Expect(alice).ToHaveTitleAsync("Parley Agent");

        // Sound is off until asked for.
        var sound = alice.Locator("[data-part=sound-toggle]");
        await Expect(sound).ToHaveAttributeAsync("aria-pressed", "false");
        await sound.ClickAsync();
        await Expect(sound).ToHaveAttributeAsync("aria-pressed", "true");
        var tonesBefore = await alice.EvaluateAsync<int>("() => window.__parley.tones");

        await using (var customer = await Server.ConnectCustomerAsync(ann.CustomerToken))
        {
            await customer.InvokeAsync<MessageAccepted>("Send", Guid.NewGuid().ToString(), "Are you still there?");
        }

        await Expect(alice).ToHaveTitleAsync("(1) Parley Agent", new() { Timeout = Patience });
        var notes = await alice.EvaluateAsync<Note[]>("() => window.__parley.notes");
        Assert.Contains(notes, n => n.Title == "Ann" && n.Body == "Are you still there?");
        Assert.True(await alice.EvaluateAsync<int>("() => window.__parley.tones") > tonesBefore, "no chime for the message");
        await alice.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-unread-chat.png") });

        // Reading it clears the count; the sound choice outlives a reload.
        await alice.Locator($"[data-part=tab][data-conversation-id='{ann.ConversationId}']").ClickAsync();
        await Expect(alice).ToHaveTitleAsync("Parley Agent", new() { Timeout = Patience });
        await alice.ReloadAsync();
        await Expect(alice.Locator("[data-part=sound-toggle]")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Patience });
        Assert.Empty(errors);
    }

    private sealed class Note
    {
        public string Title { get; set; } = "";

        public string? Body { get; set; }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
