using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Contracts;

/// <summary>
/// What a queue offers customers while its calendar is closed (<c>closedPolicy</c>) or no agent who could serve it is
/// signed in (<c>noAgentsPolicy</c>). JSON and configuration: <c>"queue"</c> | <c>"message"</c> | <c>"hide"</c>.
/// </summary>
[JsonConverter(typeof(AvailabilityPolicyJsonConverter))]
public enum AvailabilityPolicy
{
    /// <summary>Accept the chat and queue it, with an honest line ("we open at 9:00"): today's behaviour, the default.</summary>
    Queue,

    /// <summary>Offer a "leave a message" form instead of a chat.</summary>
    Message,

    /// <summary>Show no launcher at all.</summary>
    Hide,
}

/// <summary>The policy's camelCase name in JSON, read ignoring case; never a number.</summary>
public sealed class AvailabilityPolicyJsonConverter() : JsonStringEnumConverter<AvailabilityPolicy>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
