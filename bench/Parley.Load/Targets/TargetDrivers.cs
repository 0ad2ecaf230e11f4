namespace Parley.Load.Targets;

/// <summary>The targets <c>--target</c> names.</summary>
public static class TargetDrivers
{
    public static readonly IReadOnlyList<string> Names = ["parley", "signalr-relay", "bare-relay"];

    public static ITargetDriver Create(LoadOptions options) => options.Target switch
    {
        "parley" => new HubDriver(options, relay: false),
        "signalr-relay" => new HubDriver(options, relay: true),
        "bare-relay" => new BareRelayDriver(options),
        var other => throw new ArgumentException($"Unknown target '{other}'. Use one of: {string.Join(", ", Names)}.", nameof(options)),
    };
}
