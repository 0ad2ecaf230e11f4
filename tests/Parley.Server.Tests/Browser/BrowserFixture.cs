using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>Debian's Chromium, headless, driven by Playwright (never a downloaded browser).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: test-results/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    /// <summary>
    /// Signs an agent in on the desktop's login page and waits until <paramref name="readyPart"/> shows
    /// (<c>agent-name</c>: the page is there; <c>status</c>: the interactive desktop has rendered).
    /// </summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string username, string readyPart = "agent-name", float patience = 15_000)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("agent/login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", ParleyClient.AgentPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/agent", new() { Timeout = patience });
        await Assertions.Expect(page.Locator($"[data-part={readyPart}]")).ToBeVisibleAsync(new() { Timeout = patience });
        return page;
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test (or scripts/bootstrap --with-browser), which installs Debian's chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine's network is closed: keep Chromium from calling home at every start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static string FindScreenshotDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "test-results", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
