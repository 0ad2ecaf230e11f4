using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Parley.Baseline.Bare;
using Parley.Baseline.SignalR;

namespace Parley.Baseline;

public enum BaselineMode
{
    /// <summary>Raw Kestrel WebSockets: customer socket ↔ agent socket, frames copied verbatim.</summary>
    Bare,

    /// <summary>SignalR hubs shaped like Parley's, pairing conversations to agents round-robin; nothing stored.</summary>
    SignalR,
}

/// <summary>The command line was not understood.</summary>
public sealed class BaselineUsageException(string message) : Exception(message);

/// <summary>One baseline server (<see cref="BaselineMode"/>), built from command-line style arguments.</summary>
public sealed class BaselineApp : IAsyncDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:5090";

    private const string Usage = "Usage: Parley.Baseline --mode bare|signalr [--urls http://127.0.0.1:5090]";

    private BaselineApp(WebApplication app, BaselineMode mode)
    {
        App = app;
        Mode = mode;
    }

    public WebApplication App { get; }

    public BaselineMode Mode { get; }

    /// <summary>The mode as written on the command line: <c>bare</c> or <c>signalr</c>.</summary>
    public string ModeName => Mode == BaselineMode.Bare ? "bare" : "signalr";

    /// <summary>The addresses Kestrel bound (after <see cref="StartAsync"/>; a port 0 is resolved).</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a))];

    /// <param name="args"><c>--mode bare|signalr</c>, <c>--urls …</c> and any other ASP.NET Core setting.</param>
    public static BaselineApp Create(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        var mode = builder.Configuration["mode"]?.Trim().ToUpperInvariant() switch
        {
            "BARE" => BaselineMode.Bare,
            "SIGNALR" => BaselineMode.SignalR,
            null or "" => throw new BaselineUsageException("--mode is required. " + Usage),
            var other => throw new BaselineUsageException($"Unknown mode '{builder.Configuration["mode"]}'. " + Usage),
        };

        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The ready line is the only output; problems still show.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        if (mode == BaselineMode.Bare)
        {
            builder.Services.AddSingleton<BareRelay>();
        }
        else
        {
            builder.AddSignalRRelay();
        }

        var app = builder.Build();
        if (mode == BaselineMode.Bare)
        {
            app.MapBareRelay();
        }
        else
        {
            app.MapSignalRRelay();
        }

        return new BaselineApp(app, mode);
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => App.StartAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}

/// <summary>The answer to <c>POST /api/v1/conversations</c> in both modes: the customer token is the id itself.</summary>
public sealed record ConversationStarted(Guid ConversationId, string CustomerToken);
