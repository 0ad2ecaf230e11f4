using System.Text.Json.Serialization;
using Parley.Server.Conversations;

namespace Parley.Server.Transport;

// Edge → core message contracts. The edge (customer hub, customer REST, widget) reaches the core only through
// these, over ICoreClient, so that a later transport (RabbitMQ) can carry them across a DMZ unchanged.

/// <summary>A request from the edge; the core answers with a <see cref="CoreResult{T}"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(GetQueueInfo), "getQueueInfo")]
[JsonDerivedType(typeof(StartConversation), "startConversation")]
[JsonDerivedType(typeof(GetConversation), "getConversation")]
[JsonDerivedType(typeof(PostCustomerMessage), "postCustomerMessage")]
[JsonDerivedType(typeof(GetMessages), "getMessages")]
[JsonDerivedType(typeof(CustomerTyping), "customerTyping")]
[JsonDerivedType(typeof(EndConversation), "endConversation")]
public abstract record CoreRequest;

/// <summary>Ties a request to the type of its answer.</summary>
public interface ICoreRequest<TReply>;

public sealed record GetQueueInfo(string Queue) : CoreRequest, ICoreRequest<QueueInfo>;

/// <param name="VisitorId">The returning visitor's id, already verified by the edge; null for a first visit.</param>
public sealed record StartConversation(string Queue, CustomerInfo Customer, IReadOnlyDictionary<string, string> Answers, string? VisitorId = null)
    : CoreRequest, ICoreRequest<ConversationStarted>;

public sealed record GetConversation(Guid ConversationId) : CoreRequest, ICoreRequest<ConversationView>;

public sealed record PostCustomerMessage(Guid ConversationId, string ClientMessageId, string Text) : CoreRequest, ICoreRequest<MessageAccepted>;

public sealed record GetMessages(Guid ConversationId, long AfterSeq) : CoreRequest, ICoreRequest<IReadOnlyList<MessageView>>;

public sealed record CustomerTyping(Guid ConversationId) : CoreRequest, ICoreRequest<Done>;

public sealed record EndConversation(Guid ConversationId) : CoreRequest, ICoreRequest<Done>;

public sealed record CustomerInfo(string Name, string? Email);

public sealed record ConversationStarted(Guid ConversationId, ConversationStatus Status);

/// <summary>The answer of a request that only needs to be done.</summary>
public sealed record Done
{
    public static readonly Done Instance = new();
}
