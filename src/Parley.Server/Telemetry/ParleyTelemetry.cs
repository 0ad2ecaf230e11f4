using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Parley.Server.Telemetry;

/// <summary>
/// The server's one <see cref="ActivitySource"/> and the name of its one meter (both <c>Parley</c>), and the W3C trace
/// context carried across the edge–core transport (in message headers, like eShop's RabbitMQTelemetry). Depends on
/// nothing of the server, so every feature may use it.
/// </summary>
public static class ParleyTelemetry
{
    /// <summary>The name of the <see cref="Source"/> and of the meter every <c>parley.*</c> instrument is on.</summary>
    public const string Name = "Parley";

    public static readonly ActivitySource Source = new(Name, typeof(ParleyTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Puts the context of <paramref name="activity"/> (else the current one) into a message's headers.</summary>
    public static void Inject<T>(Activity? activity, T carrier, Action<T, string, string> setter)
    {
        var context = activity?.Context ?? Activity.Current?.Context ?? default;
        if (context != default)
        {
            Propagators.DefaultTextMapPropagator.Inject(new PropagationContext(context, Baggage.Current), carrier, setter);
        }
    }

    /// <summary>The sender's context from a message's headers; <c>default</c> when it carried none.</summary>
    public static ActivityContext Extract<T>(T carrier, Func<T, string, IEnumerable<string>?> getter) =>
        Propagators.DefaultTextMapPropagator.Extract(default, carrier, getter).ActivityContext;

    /// <summary>A span named <c>prefix detail</c> (the detail a type name: few and stable), only when someone listens.</summary>
    public static Activity? Start(string prefix, string detail, ActivityKind kind = ActivityKind.Internal, ActivityContext parent = default) =>
        Source.HasListeners() ? Source.StartActivity(prefix + " " + detail, kind, parent) : null;
}
