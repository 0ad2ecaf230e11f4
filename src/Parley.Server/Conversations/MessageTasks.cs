using System.Net.Mail;
using System.Threading.Channels;
using Parley.Server.Contracts;
using Parley.Server.Edges;
using Parley.Server.Email;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// Messages customers leave through the widget's form. Each is a conversation of kind <c>message</c>, stored with the
/// customer's confirmation mail in one write. While its queue is open (with or without agents) it is routed like a
/// chat — an agent takes it, which takes a slot, answers by e-mail and closes it; while the queue is closed it waits
/// unrouted (agents see it in their list of messages) until <see cref="ReleaseAsync"/> routes it at the opening.
/// </summary>
public sealed partial class MessageTasks(
    ConversationLocks locks,
    ConversationLog log,
    OpenConversations open,
    QueueCatalog queues,
    CalendarCatalog calendars,
    RoutingCoordinator routing,
    AvailabilityPublisher availability,
    TimeProvider time,
    ILogger<MessageTasks> logger)
{
    public const int MaxNameLength = 100;

    // A message held a moment ago: the release loop looks again at when to wake (one pending wake is enough).
    private readonly Channel<bool> _held = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Completes when a message was held since the last call (for <see cref="MessageRelease"/>).</summary>
    internal async Task HeldSinceAsync(CancellationToken cancellationToken) => await _held.Reader.ReadAsync(cancellationToken);

    public async Task<MessageLeft> LeaveAsync(LeaveMessage request, CancellationToken cancellationToken)
    {
        var queue = queues.Find(request.Queue) ?? throw new CoreException(CoreError.NotFound, $"There is no queue named '{request.Queue}'.");
        var (name, email, text) = Check(request);
        var answers = PreChatAnswers.Validate(queue, request.Answers);
        using (await locks.AcquireAsync(request.ConversationId, cancellationToken))
        {
            if (log.FindOpen(request.ConversationId) is not null)
            {
                return new MessageLeft(request.ConversationId); // the same message sent again
            }

            var now = UtcMicrosecondTimestamps.Normalize(time.GetUtcNow());
            var conversation = new ConversationRecord
            {
                Id = request.ConversationId,
                Kind = ConversationKind.Message,
                Queue = queue.Name,
                StartQueue = queue.Name,
                CustomerName = name,
                CustomerEmail = email,
                Answers = answers,
                State = ConversationState.Queued,
                StartedAt = now,
                Messages = [new MessageRecord { Seq = 1, Sender = MessageSender.Customer, SenderName = name, Text = text, SentAt = now }],
            };
            try
            {
                await log.StoreStartedAsync(conversation, Confirmation(queue, conversation));
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                return new MessageLeft(request.ConversationId); // left before, and already closed
            }
        }

        LogLeft(request.ConversationId, queue.Name);
        if (availability.For(queue.Name) is not { State: AvailabilityState.Closed })
        {
            await RouteAsync(request.ConversationId, cancellationToken);
        }
        else
        {
            _held.Writer.TryWrite(true);
        }

        return new MessageLeft(request.ConversationId);
    }

    /// <summary>Messages waiting outside routing (left while their queue was closed), oldest first: agents' list.</summary>
    public async Task<IReadOnlyList<ConversationRecord>> HeldAsync(CancellationToken cancellationToken)
    {
        List<ConversationRecord> waiting = [.. open.Messages().Where(c => c.State == ConversationState.Queued)];
        if (waiting.Count == 0)
        {
            return [];
        }

        var routed = await routing.QueryAsync((engine, now) => waiting.Where(c => engine.GetConversation(c.Id, now) is not null).Select(c => c.Id).ToHashSet(), cancellationToken);
        return [.. waiting.Where(c => !routed.Contains(c.Id)).OrderBy(c => c.StartedAt)];
    }

    /// <summary>The earliest opening of a queue that holds messages now; null when none holds any (or none opens).</summary>
    public async Task<DateTimeOffset?> NextReleaseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? next = null;
        foreach (var queue in (await HeldAsync(cancellationToken)).Select(m => m.Queue).Distinct(StringComparer.Ordinal))
        {
            if (queues.Find(queue)?.Calendar is { } name && calendars.Find(name)?.NextOpening(now) is { } opening && (next is null || opening < next))
            {
                next = opening;
            }
        }

        return next;
    }

    /// <summary>Routes every held message whose queue is open now (at an opening).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        foreach (var held in await HeldAsync(cancellationToken))
        {
            if (availability.For(held.Queue) is not { State: AvailabilityState.Closed })
            {
                await RouteAsync(held.Id, cancellationToken);
            }
        }
    }

    /// <summary>Puts a waiting message into routing (it is offered like a chat); nothing if it is not waiting.</summary>
    public async Task RouteAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        if (log.FindOpen(conversationId) is not { State: ConversationState.Queued } conversation)
        {
            return;
        }

        var request = new Parley.Routing.ConversationRequest(conversation.Id, conversation.Queue, conversation.StartedAt) { Answers = conversation.Answers };
        var (outcome, _) = await routing.EnqueueAsync(request, cancellationToken);
        if (outcome.Error is { } refused)
        {
            // A full queue (or one removed meanwhile): the message stays in the list, where an agent can still take it.
            LogNotRouted(conversationId, refused.ToString());
        }
    }

    private static (string Name, string Email, string Text) Check(LeaveMessage request)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Customer.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || !ValidText.Is(name))
        {
            errors["customer.name"] = [$"Your name is required (at most {MaxNameLength} characters)."];
        }

        var email = request.Customer.Email?.Trim() ?? "";
        if (!IsAddress(email))
        {
            errors["customer.email"] = ["A valid e-mail address is required: the answer goes there."];
        }

        var (text, error) = MessageText.Normalize(request.Text);
        if (error is not null)
        {
            errors["text"] = [error];
        }

        return errors.Count > 0
            ? throw new CoreException(new CoreFailure(CoreError.Invalid, "The message cannot be sent as it is.", errors))
            : (name, email, text!);
    }

    /// <summary>One plain address (no display name, no list), at most 254 characters, as the mail header will carry it.</summary>
    public static bool IsAddress(string? email) =>
        !string.IsNullOrEmpty(email) && email.Length <= 254 && ValidText.Is(email)
        && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.DisplayName.Length == 0;

    /// <summary>
    /// Says the message arrived, repeating nothing the customer typed — not the text, not even the name (the form
    /// must not turn Parley into a way to mail someone else words of one's choosing).
    /// </summary>
    private static OutgoingMail Confirmation(QueueRecord queue, ConversationRecord conversation) =>
        OutgoingMail.FromText(
            conversation.CustomerEmail!, null,
            $"We received your message to {queue.DisplayName}",
            $"Hello,\n\nThank you for your message to {queue.DisplayName}. We received it on "
            + $"{conversation.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC and will answer you at this address as soon as we can.\n\n"
            + "Reply to this e-mail if you want to add something.",
            conversationId: conversation.Id);

    /// <summary>An agent's answer to a left message, as the e-mail the customer gets (replies go to the configured Reply-To).</summary>
    public static OutgoingMail Answer(ConversationRecord conversation, string queueDisplayName, MessageRecord answer) =>
        OutgoingMail.FromText(
            conversation.CustomerEmail!, conversation.CustomerName,
            $"Re: your message to {queueDisplayName}",
            answer.Text,
            footer: $"{answer.SenderName}, {queueDisplayName}",
            conversationId: conversation.Id);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Message {ConversationId} left for queue {Queue}")]
    private partial void LogLeft(Guid conversationId, string queue);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Message {ConversationId} could not be routed ({Reason}); it stays in the queue's list")]
    private partial void LogNotRouted(Guid conversationId, string reason);
}
