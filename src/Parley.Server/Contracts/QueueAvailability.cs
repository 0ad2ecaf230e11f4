using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Contracts;

/// <summary>
/// What a customer is told of a queue before a chat: open, closed by its calendar, or open with no agent signed in
/// who could serve it; the policy in force (null when open) and, when closed, the next opening (UTC).
/// </summary>
public sealed record QueueAvailability(AvailabilityState State, AvailabilityPolicy? Policy, DateTimeOffset? NextOpening)
{
    public static readonly QueueAvailability Open = new(AvailabilityState.Open, null, null);
}

/// <summary>JSON: <c>"open"</c> | <c>"closed"</c> | <c>"noAgents"</c>.</summary>
[JsonConverter(typeof(AvailabilityStateJsonConverter))]
public enum AvailabilityState
{
    Open,
    Closed,
    NoAgents,
}

public sealed class AvailabilityStateJsonConverter() : JsonStringEnumConverter<AvailabilityState>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
