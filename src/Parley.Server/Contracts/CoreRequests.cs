using System.Text.Json.Serialization;

namespace Parley.Server.Contracts;

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
[JsonDerivedType(typeof(EdgeHeartbeat), "edgeHeartbeat")]
[JsonDerivedType(typeof(GetAvailability), "getAvailability")]
[JsonDerivedType(typeof(LeaveMessage), "leaveMessage")]
[JsonDerivedType(typeof(RateConversation), "rateConversation")]
[JsonDerivedType(typeof(RequestTranscript), "requestTranscript")]
[JsonDerivedType(typeof(CustomerPageVisibility), "customerPageVisibility")]
[JsonDerivedType(typeof(PostCustomerAttachment), "postCustomerAttachment")]
[JsonDerivedType(typeof(GetFile), "getFile")]
public abstract record CoreRequest;

/// <summary>Ties a request to the type of its answer.</summary>
public interface ICoreRequest<TReply>;

/// <summary>A request about one conversation: the core learns from it which edge holds that customer.</summary>
public interface IConversationRequest
{
    Guid ConversationId { get; }
}

/// <summary>
/// A request only worth answering while the edge still waits (it reads, or is a hint): a transport may drop it once
/// the edge's time-out has passed. Requests that change something are never dropped; they are idempotent instead.
/// </summary>
public interface IExpiringRequest;

public sealed record GetQueueInfo(string Queue) : CoreRequest, ICoreRequest<QueueInfo>, IExpiringRequest;

/// <param name="ConversationId">Chosen by the edge, so that a start the broker delivers twice still makes one conversation.</param>
/// <param name="VisitorId">The returning visitor's id, already verified by the edge; null for a first visit.</param>
/// <param name="Context">What the widget said about the customer's page and browser, already bounded by the edge.</param>
public sealed record StartConversation(Guid ConversationId, string Queue, CustomerInfo Customer, IReadOnlyDictionary<string, string> Answers, string? VisitorId = null,
    CustomerContext? Context = null)
    : CoreRequest, ICoreRequest<ConversationStarted>, IConversationRequest;

public sealed record GetConversation(Guid ConversationId) : CoreRequest, ICoreRequest<ConversationView>, IConversationRequest, IExpiringRequest;

public sealed record PostCustomerMessage(Guid ConversationId, string ClientMessageId, string Text) : CoreRequest, ICoreRequest<MessageAccepted>, IConversationRequest;

public sealed record GetMessages(Guid ConversationId, long AfterSeq)
    : CoreRequest, ICoreRequest<IReadOnlyList<MessageView>>, IConversationRequest, IExpiringRequest;

public sealed record CustomerTyping(Guid ConversationId) : CoreRequest, ICoreRequest<Done>, IConversationRequest, IExpiringRequest;

public sealed record EndConversation(Guid ConversationId) : CoreRequest, ICoreRequest<Done>, IConversationRequest;

/// <summary>An edge announces itself; the core lists it for the admin and answers with its own time (clock check).</summary>
/// <param name="SentAt">The edge's clock when sending.</param>
public sealed record EdgeHeartbeat(string Name, string Site, string Version, string? ExternalUrl, DateTimeOffset SentAt)
    : CoreRequest, ICoreRequest<HeartbeatAnswer>, IExpiringRequest;

/// <param name="CoreInstance">
/// New at every start of the core: an edge that sees it change knows the core restarted (and forgot what lives only in
/// its memory, such as the customers' page visibility) even when no heartbeat went unanswered. Null from an older core.
/// </param>
public sealed record HeartbeatAnswer(DateTimeOffset CoreTime, Guid? CoreInstance = null);

/// <summary>A customer leaves a message for a queue (the widget's form); an agent answers it by e-mail.</summary>
/// <param name="ConversationId">Chosen by the edge (from an Idempotency-Key when sent), so a message sent again is stored once.</param>
public sealed record LeaveMessage(Guid ConversationId, string Queue, CustomerInfo Customer, string Text, IReadOnlyDictionary<string, string> Answers)
    : CoreRequest, ICoreRequest<MessageLeft>;

public sealed record MessageLeft(Guid Id);

/// <summary>An edge asks for the queues' availability facts: at its start and whenever the core answers again after an outage.</summary>
public sealed record GetAvailability : CoreRequest, ICoreRequest<AvailabilitySnapshot>, IExpiringRequest;

/// <param name="TimeZone">The customer's IANA time zone (the browser's), for the times in their transcript; null: UTC.</param>
public sealed record CustomerInfo(string Name, string? Email, string? TimeZone = null);

/// <summary>The customer rates an ended chat (the satisfaction survey): once, within 24 hours of the end.</summary>
/// <param name="Rating">1 (very unsatisfied) to 5 (very satisfied).</param>
public sealed record RateConversation(Guid ConversationId, int Rating, string? Comment) : CoreRequest, ICoreRequest<Done>, IConversationRequest;

/// <summary>The customer asks for the chat's transcript by e-mail: to <paramref name="Email"/>, or the address given at the start when null.</summary>
public sealed record RequestTranscript(Guid ConversationId, string? Email) : CoreRequest, ICoreRequest<Done>, IConversationRequest;

public sealed record ConversationStarted(Guid ConversationId, ConversationStatus Status);

/// <summary>The answer of a request that only needs to be done.</summary>
public sealed record Done
{
    public static readonly Done Instance = new();
}

/// <summary>The customer's page became visible, hidden or was left (the widget's page visibility): told to the agent holding the chat.</summary>
public sealed record CustomerPageVisibility(Guid ConversationId, PageVisibility Visibility) : CoreRequest, ICoreRequest<Done>, IConversationRequest;
/// <summary>
/// The customer sends a file (the edge read it into memory within <c>Parley:Files:MaxBytes</c> and keeps nothing): the
/// core decides its type from the content, stores it and appends it to the conversation as the customer's message.
/// </summary>
/// <param name="FileName">As the customer's browser named it; the core keeps only a safe form of it.</param>
public sealed record PostCustomerAttachment(Guid ConversationId, string ClientMessageId, string? FileName, byte[] Content)
    : CoreRequest, ICoreRequest<AttachmentAccepted>, IConversationRequest;

/// <param name="Seq">The message that carries the attachment.</param>
public sealed record AttachmentAccepted(Guid AttachmentId, string Url, string ContentType, long Size, long Seq, DateTimeOffset SentAt, string Name, string? PreviewUrl);

/// <summary>An edge serves a customer's download link by asking the core for the bytes it names (the token is checked on the core).</summary>
public sealed record GetFile(string Token) : CoreRequest, ICoreRequest<FileContent>, IExpiringRequest;

/// <param name="Inline">Shown in the page (a preview of a raster image) rather than downloaded.</param>
public sealed record FileContent(string ContentType, string Name, byte[] Content, bool Inline);
