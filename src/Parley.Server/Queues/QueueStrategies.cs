using System.Text.Json;
using Parley.Routing;

namespace Parley.Server.Queues;

/// <summary>The engine's strategies by the names the admin API and configuration use: camelCase, read ignoring case.</summary>
public static class QueueStrategies
{
    /// <summary>
    /// What an unknown name reads as: no strategy (<see cref="Enum.IsDefined{TEnum}(TEnum)"/> is false), so that
    /// validation names the field with the others instead of the reader failing the whole request or start-up.
    /// </summary>
    public const RoutingStrategy Unknown = (RoutingStrategy)(-1);

    /// <summary>Every strategy as the API spells it.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<RoutingStrategy>().Select(Format)];

    public static string Format(RoutingStrategy strategy) => JsonNamingPolicy.CamelCase.ConvertName(strategy.ToString());

    /// <summary>A strategy by name, ignoring case; empty is the default (longest idle), anything else unknown is null (numbers too).</summary>
    public static RoutingStrategy? Parse(string? name) =>
        string.IsNullOrWhiteSpace(name) ? RoutingStrategy.LongestIdle
        : Enum.GetValues<RoutingStrategy>().Select(s => (RoutingStrategy?)s)
            .FirstOrDefault(s => string.Equals(s.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A strategy by name, or <see cref="Unknown"/>.</summary>
    public static RoutingStrategy Read(string? name) => Parse(name) ?? Unknown;
}
