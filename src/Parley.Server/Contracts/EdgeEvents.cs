using System.Text.Json.Serialization;

namespace Parley.Server.Contracts;

// Core → edge message contracts: what the edge must push to the customers connected to it.

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(MessageAppended), "messageAppended")]
[JsonDerivedType(typeof(AgentTyping), "agentTyping")]
[JsonDerivedType(typeof(StatusChanged), "statusChanged")]
public abstract record EdgeEvent(Guid ConversationId);

public sealed record MessageAppended(Guid ConversationId, MessageView Message) : EdgeEvent(ConversationId);

public sealed record AgentTyping(Guid ConversationId, string AgentName) : EdgeEvent(ConversationId);

public sealed record StatusChanged(Guid ConversationId, ConversationStatus Status) : EdgeEvent(ConversationId);
