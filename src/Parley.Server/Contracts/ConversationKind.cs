using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Contracts;

/// <summary>
/// A live chat, or a message a customer left (the widget's "leave a message" form) that an agent answers by e-mail.
/// JSON: <c>"chat"</c> | <c>"message"</c>.
/// </summary>
[JsonConverter(typeof(ConversationKindJsonConverter))]
public enum ConversationKind
{
    Chat,
    Message,
}

public sealed class ConversationKindJsonConverter() : JsonStringEnumConverter<ConversationKind>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
