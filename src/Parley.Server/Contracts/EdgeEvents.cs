using System.Text.Json.Serialization;

namespace Parley.Server.Contracts;

// Core → edge message contracts: what the edge must push to the customers connected to it.

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(MessageAppended), "messageAppended")]
[JsonDerivedType(typeof(AgentTyping), "agentTyping")]
[JsonDerivedType(typeof(StatusChanged), "statusChanged")]
[JsonDerivedType(typeof(AvailabilityChanged), "availabilityChanged")]
public abstract record EdgeEvent;

/// <summary>An event for the customer of one conversation: the core sends it to the edge holding that customer.</summary>
public abstract record ConversationEvent(Guid ConversationId) : EdgeEvent;

public sealed record MessageAppended(Guid ConversationId, MessageView Message) : ConversationEvent(ConversationId);

public sealed record AgentTyping(Guid ConversationId, string AgentName) : ConversationEvent(ConversationId);

public sealed record StatusChanged(Guid ConversationId, ConversationStatus Status) : ConversationEvent(ConversationId);

/// <summary>For every edge: the queues' availability facts changed (sent whole; the edge keeps the newest version).</summary>
public sealed record AvailabilityChanged(AvailabilitySnapshot Snapshot) : EdgeEvent;
