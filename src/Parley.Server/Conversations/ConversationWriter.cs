using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;
using Parley.Server.Email;
using Parley.Server.Storage;
using Parley.Server.Telemetry;

namespace Parley.Server.Conversations;

/// <summary>
/// Group commit for conversations and their messages: every write that arrives while the previous batch is being
/// committed goes into the next one, and a batch is one transaction of batched statements — with SQLite's
/// synchronous=FULL, one fsync for all of them instead of one each. A write completes only when its batch has
/// committed, so an acknowledged message is durable. Callers hold the conversation's lock while they wait, so a batch
/// holds at most one write per conversation and seqs are written in order. Nothing is read back: the caller already
/// knows what it wrote.
/// </summary>
public sealed partial class ConversationWriter : IAsyncDisposable
{
    /// <summary>Enough to amortise the commit; small enough that one batch stays a short transaction.</summary>
    private const int MaxBatch = 256;

    private readonly IDbContextFactory<ParleyDbContext> _db;
    private readonly ILogger<ConversationWriter> _logger;
    private readonly ParleyMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly MailOutboxSignal? _mailSignal;
    private readonly ReportLogSignal? _reportSignal;
    private readonly WriteTurns _turns;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public ConversationWriter(
        IDbContextFactory<ParleyDbContext> db, ILogger<ConversationWriter> logger, ParleyMetrics? metrics = null, TimeProvider? time = null, MailOutboxSignal? mailSignal = null,
        ReportLogSignal? reportSignal = null, WriteTurns? turns = null)
    {
        _db = db;
        _logger = logger;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _mailSignal = mailSignal;
        _reportSignal = reportSignal;
        _turns = turns ?? WriteTurns.None;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Stores a message; completes once committed.</summary>
    public Task WriteAsync(MessageRecord message) => WriteAsync(new ConversationWrite(Message: message));

    /// <summary>Stores the change; completes once committed.</summary>
    public async Task WriteAsync(ConversationWrite write)
    {
        // The caller's wait for its batch; the batch's own span (parley.store.commit) links back to every caller's.
        using var activity = ParleyTelemetry.Start("parley.store.write", write.Message is null ? "conversation" : "message");
        var pending = new Pending(write, activity?.Context ?? default);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        await pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        // Started from whichever request first needed the writer: its span must not become every batch's parent.
        Activity.Current = null;
        var batch = new List<Pending>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await CommitAsync(batch);
                _metrics?.BatchWritten(batch.Count);
                batch.ForEach(Committed);
            }
            catch (Exception e)
            {
                if (batch.Count == 1)
                {
                    Fail(batch[0], e);
                    continue;
                }

                // One bad message (a constraint, say) must not fail the others: write them one by one.
                foreach (var pending in batch)
                {
                    await CommitAloneAsync(pending);
                }
            }
        }
    }

    private async Task CommitAloneAsync(Pending pending)
    {
        try
        {
            await CommitAsync([pending]);
            _metrics?.BatchWritten(1);
            Committed(pending);
        }
        catch (Exception e)
        {
            Fail(pending, e);
        }
    }

    private void Committed(Pending pending)
    {
        if (pending.Write.Message is { } message)
        {
            _metrics?.Accepted(message.Sender switch
            {
                MessageSender.Customer => "customer",
                MessageSender.Agent => "agent",
                _ => "system",
            });
        }

        pending.Done.TrySetResult();
    }

    private void Fail(Pending pending, Exception e)
    {
        if (pending.Write.Started is not null && UniqueViolation.Is(e))
        {
            // A start retried after its conversation ended: expected, and answered by the caller from the stored row.
            LogAlreadyStarted(pending.Write.ConversationId);
        }
        else
        {
            LogWriteFailed(e, pending.Write.ConversationId, pending.Write.Message?.Seq);
        }

        pending.Done.TrySetException(e);
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        // No caller's token: once a message is handed over it is written, whoever stopped waiting.
        using var activity = CommitActivity(batch);
        using var turn = await _turns.TakeAsync(CancellationToken.None);
        await using var context = await _db.CreateDbContextAsync();
        await using var transaction = await context.Database.BeginTransactionAsync();
        var rows = false;
        var mails = false;
        foreach (var write in batch.Select(p => p.Write))
        {
            if (write.Started is { } started)
            {
                context.Conversations.Add(started);
                rows = true;
            }

            if (write.Changed is { } changed)
            {
                context.Conversations.Update(changed);
                rows = true;
            }

            if (write.Mail is { } mail)
            {
                // In the outbox with what caused it: both committed, or neither.
                MailOutbox.Enqueue(context, mail, _time.GetUtcNow());
                mails = true;
                rows = true;
            }
        }

        if (rows)
        {
            // Conversation rows (starts, assignments, ends) are few: the change tracker writes them, before their messages.
            await context.SaveChangesAsync();
        }

        // The messages, most of every batch: one multi-row statement, no statement of their own.
        await RowInserts.InsertAsync(context, [.. batch.SelectMany(p => new[] { p.Write.Message, p.Write.Closing }).OfType<MessageRecord>()], CancellationToken.None);
        await RowInserts.InsertAsync(context, [.. batch.Select(p => p.Write.Assignment).OfType<ConversationAssignmentRecord>()], CancellationToken.None);
        // The reporting facts in the order of their writes: the event log's order is the order things were decided.
        var facts = batch.Where(p => p.Write.Facts is { Count: > 0 }).SelectMany(p => p.Write.Facts!).ToList();
        await RowInserts.InsertAsync(context, facts, CancellationToken.None);
        await transaction.CommitAsync();
        if (mails)
        {
            _mailSignal?.Wake();
        }

        if (facts.Count > 0)
        {
            _reportSignal?.Wake();
        }
    }

    /// <summary>One span per transaction (its database calls are its children), linked to each message's write span.</summary>
    private static Activity? CommitActivity(List<Pending> batch)
    {
        if (!ParleyTelemetry.Source.HasListeners())
        {
            return null;
        }

        var links = batch.Where(p => p.Caller != default).Select(p => new ActivityLink(p.Caller));
        var activity = ParleyTelemetry.Source.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "parley.store.commit conversations");
        activity?.SetTag("parley.batch.size", batch.Count);
        return activity;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <param name="Caller">The write span of the caller waiting for this write, for the batch's links.</param>
    private sealed record Pending(ConversationWrite Write, ActivityContext Caller)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Storing conversation {ConversationId} (message {Seq}) failed")]
    private partial void LogWriteFailed(Exception exception, Guid conversationId, long? seq);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "Conversation {ConversationId} was started before: not stored again")]
    private partial void LogAlreadyStarted(Guid conversationId);
}
