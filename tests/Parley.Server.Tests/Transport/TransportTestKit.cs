using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Parley.Server.Transport;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Transport;

/// <summary>How long a test waits for something that should happen at once.</summary>
internal static class Patience
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);
}

/// <summary>The core's side in transport tests: records every request and answers with <see cref="CannedAnswers"/> unless told otherwise.</summary>
internal sealed class TestCore : ICoreRequestHandler
{
    private readonly ConcurrentQueue<(CoreRequest Request, RequestOrigin Origin)> _received = new();
    private readonly Channel<CoreRequest> _arrivals = Channel.CreateUnbounded<CoreRequest>();

    /// <summary>Replaces the canned answers (throw <see cref="CoreException"/> for a failure).</summary>
    public Func<CoreRequest, RequestOrigin, CancellationToken, Task<object>>? Behavior { get; set; }

    public IReadOnlyList<(CoreRequest Request, RequestOrigin Origin)> Received => [.. _received];

    public int Count<T>() => _received.Count(r => r.Request is T);

    public async Task<object> HandleAsync(CoreRequest request, RequestOrigin origin, CancellationToken cancellationToken)
    {
        _received.Enqueue((request, origin));
        _arrivals.Writer.TryWrite(request);
        return Behavior is { } behavior ? await behavior(request, origin, cancellationToken) : CannedAnswers.For(request, origin);
    }

    /// <summary>The next request to arrive (in arrival order).</summary>
    public async Task<CoreRequest> NextAsync() => await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(Patience.Default);
}

/// <summary>The edge's side in transport tests: records the events it gets.</summary>
internal sealed class TestEdge : IEdgeEventHandler
{
    private readonly ConcurrentQueue<EdgeEvent> _received = new();
    private readonly Channel<EdgeEvent> _arrivals = Channel.CreateUnbounded<EdgeEvent>();

    public IReadOnlyList<EdgeEvent> Received => [.. _received];

    public Task HandleAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken)
    {
        _received.Enqueue(edgeEvent);
        _arrivals.Writer.TryWrite(edgeEvent);
        return Task.CompletedTask;
    }

    /// <summary>The next event to arrive, or null when none comes within <paramref name="patience"/>.</summary>
    public async Task<EdgeEvent?> NextAsync(TimeSpan? patience = null)
    {
        try
        {
            return await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(patience ?? Patience.Default);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}

/// <summary>An answer of the right type for every request; <see cref="GetMessages"/> names the asking edge, so answers can be told apart.</summary>
internal static class CannedAnswers
{
    public static readonly DateTimeOffset Time = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static object For(CoreRequest request, RequestOrigin origin) => request switch
    {
        GetQueueInfo q => new QueueInfo(q.Queue, "Support", "Welcome!", [new QuestionView("topic", "Topic", "choice", ["Billing", "Other"], true)]),
        StartConversation s => new ConversationStarted(s.ConversationId, new ConversationStatus(ConversationState.Queued, null, 1, 30)),
        GetConversation g => new ConversationView(g.ConversationId, "support", new ConversationStatus(ConversationState.Assigned, "Alice"), 3),
        PostCustomerMessage => new MessageAccepted(4, Time),
        GetMessages m => (IReadOnlyList<MessageView>)[new MessageView(m.AfterSeq + 1, MessageSender.Customer, origin.Edge, "hello", Time, "c-1")],
        CustomerTyping or EndConversation or RateConversation or RequestTranscript => Done.Instance,
        EdgeHeartbeat h => new HeartbeatAnswer(h.SentAt.AddSeconds(1)),
        _ => throw new InvalidOperationException("No canned answer for " + request.GetType().Name),
    };
}

public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);

/// <summary>Collects the transports' log (all levels) so tests can wait for a logged event; echoes it to the test output.</summary>
public sealed class LogSink(ITestOutputHelper? output = null) : ILoggerProvider
{
    private readonly List<LogEntry> _entries = [];
    private readonly List<(int EventId, TaskCompletionSource<LogEntry> Waiter)> _waiters = [];
    private readonly Lock _gate = new();

    public ILoggerFactory Factory => LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public int Count(int eventId)
    {
        lock (_gate)
        {
            return _entries.Count(e => e.EventId == eventId);
        }
    }

    /// <summary>The first entry with this event id, logged before or after this call.</summary>
    public Task<LogEntry> WaitForAsync(int eventId)
    {
        lock (_gate)
        {
            if (_entries.FirstOrDefault(e => e.EventId == eventId) is { } logged)
            {
                return Task.FromResult(logged);
            }

            var waiter = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((eventId, waiter));
            return waiter.Task.WaitAsync(Patience.Default);
        }
    }

    private void Add(LogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => w.EventId == entry.EventId).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Waiter.TrySetResult(entry);
            }
        }

        try
        {
            output?.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {entry.Level} [{entry.EventId}] {entry.Message}{(entry.Exception is null ? "" : " " + entry.Exception.GetType().Name + ": " + entry.Exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The test is over; the entry is still collected.
        }
    }

    public ILogger CreateLogger(string categoryName) => new SinkLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class SinkLogger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Add(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}
