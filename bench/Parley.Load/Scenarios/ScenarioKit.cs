using Parley.Load.Measurement;
using Parley.Load.Reporting;
using Parley.Load.Targets;

namespace Parley.Load.Scenarios;

/// <summary>The steps scenarios share: agents, chats, tracked messages, an orderly end.</summary>
public static class ScenarioKit
{
    private const int SetupParallelism = 16;

    /// <summary>Creates (Parley: through the admin API), signs in, connects and makes Available <paramref name="count"/> agents.</summary>
    public static async Task<IReadOnlyList<AgentHandle>> ConnectAgentsAsync(RunContext context, ChatBook book, int count)
    {
        context.SetPhase("agents");
        var p = context.Parameters;
        var specs = Enumerable.Range(0, count)
            .Select(i => new AgentSpec($"{context.Options.AgentPrefix}{i + 1:D4}", p.CapacityOf(i)))
            .ToList();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        limit.CancelAfter(p.SetupTimeout);
        var accounts = await context.Driver.PrepareAgentsAsync(specs, limit.Token);
        var connect = context.Metrics.Latency("agentConnect", "agent sign-in + hub connection + Available");
        var connected = new List<AgentHandle>();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = limit.Token }, async (account, ct) =>
        {
            var handle = new AgentHandle(context, book, account);
            var started = Clock.Now;
            try
            {
                handle.Connection = await context.Driver.ConnectAgentAsync(account, handle, ct);
                await handle.Connection.SetAvailableAsync(ct);
                connect.RecordTicks(started, Clock.Now);
                lock (connected)
                {
                    connected.Add(handle);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.Metrics.Error("agent connect", e);
            }
        });

        if (connected.Count < count)
        {
            context.Note($"{connected.Count} of {count} agents connected.");
        }

        context.Metrics.Gauge("agents", () => connected.Count);
        return [.. connected.OrderBy(a => a.Username, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Starts one chat (REST), opens its customer's connection and, for a target that does not route, gives it to
    /// the least busy agent. Returns null (error counted) when a step failed.
    /// </summary>
    public static async Task<Chat?> StartChatAsync(
        RunContext context, ChatBook book, int index, long intendedTicks, bool measured, IReadOnlyList<AgentHandle> agents,
        Action<Chat, CustomerHandle>? prepare = null)
    {
        StartedChat started;
        try
        {
            started = await context.Driver.StartChatAsync(index, context.Cancellation);
            context.Metrics.Latency("startChat", "POST /api/v1/conversations answered (from the intended start)").RecordTicks(intendedTicks, Clock.Now, measured);
            context.Metrics.Count("chats started");
            if (started.Position is { } position)
            {
                context.Metrics.Maximum("highest place in line at start", position);
            }
        }
        catch (Exception e) when (!context.Cancellation.IsCancellationRequested)
        {
            context.Metrics.Error("start chat", e);
            return null;
        }

        var chat = book.For(started.ConversationId);
        chat.SetStart(context, index, intendedTicks, measured);
        var events = new CustomerHandle(context, book, chat.ConversationId);
        prepare?.Invoke(chat, events);
        var connecting = Clock.Now;
        try
        {
            chat.Customer = await context.Driver.ConnectCustomerAsync(started, events, context.Cancellation);
            context.Metrics.Latency("connectCustomer", "customer hub connection open (and Resume answered)").RecordTicks(connecting, Clock.Now, measured);
            chat.CustomerReady.TrySetResult();
        }
        catch (Exception e) when (!context.Cancellation.IsCancellationRequested)
        {
            context.Metrics.Error("connect customer", e);
            return null;
        }

        if (!context.Driver.Features.RoutesChats)
        {
            await AttachAsync(context, chat, agents);
        }

        return chat;
    }

    /// <summary>
    /// Starts <paramref name="count"/> conversations at <c>--connect-rate</c> (each started chat is added to
    /// <paramref name="started"/>, for the teardown) and waits up to <c>--setup-timeout</c> until each is with an
    /// agent. Returns those that are; the rest are noted and left out.
    /// </summary>
    public static async Task<IReadOnlyList<Chat>> OpenConversationsAsync(
        RunContext context, ChatBook book, IReadOnlyList<AgentHandle> agents, int count, List<Chat> started)
    {
        var p = context.Parameters;
        if (agents.Count == 0)
        {
            throw new InvalidOperationException("No agent could connect.");
        }

        context.SetPhase("chats");
        var starting = new List<Task<Chat?>>();
        await OpenLoop.RunAsync(p.ConnectRate, Clock.Now, long.MaxValue, count, poisson: false, context.Random,
            (i, intended) => starting.Add(Task.Run(() => StartChatAsync(context, book, (int)i, intended, measured: true, agents))), context.Cancellation);
        started.AddRange((await Task.WhenAll(starting)).OfType<Chat>());
        if (!await WhenAllAsync(started.Select(c => c.Assigned.Task), p.SetupTimeout, context.Cancellation))
        {
            var waiting = started.Count(c => !c.Assigned.Task.IsCompleted);
            context.Note($"{waiting} of {started.Count} conversations were not with an agent after {ScenarioParameters.Span(p.SetupTimeout)}; they are left out.");
        }

        var ready = started.Where(c => c.Assigned.Task.IsCompleted).ToList();
        if (ready.Count < count)
        {
            context.Note($"{ready.Count} of {count} conversations ready.");
        }

        if (ready.Count == 0)
        {
            throw new InvalidOperationException("No conversation reached an agent.");
        }

        context.Details["conversations"] = ready.Count;
        context.Details["agentsConnected"] = agents.Count;
        context.Details["conversationsPerAgent"] = agents.ToDictionary(a => a.Username, a => a.Active, StringComparer.Ordinal);
        return ready;
    }

    /// <summary>
    /// The message load: <c>--rate</c> messages a second for <c>--duration</c> on a fixed schedule over
    /// <paramref name="ready"/>. Message k goes to conversation k mod n, from the customer in even rounds and from
    /// the agent in odd ones. The first <c>--warmup</c> is on the timeline but not in the figures.
    /// </summary>
    /// <returns>Completes when the last message has been scheduled (not delivered).</returns>
    public static Task RunMessagesAsync(RunContext context, IReadOnlyList<Chat> ready) =>
        RunMeasuredAsync(context, context.Parameters.MessageRate, (k, intended, measured) =>
        {
            var chat = ready[(int)(k % ready.Count)];
            var direction = (k / ready.Count) % 2 == 0 ? Direction.CustomerToAgent : Direction.AgentToCustomer;
            _ = Send(context, chat, direction, intended, measured);
        });

    /// <summary>
    /// An open-loop schedule at <paramref name="rate"/> for <c>--duration</c>, starting in 100 ms: events in the
    /// first <c>--warmup</c> are fired as not measured; the phase moves from warmup to measure on the way, and
    /// <see cref="RunContext.MessageWindow"/> is the measured part. CPU and deliveries are read when the first
    /// measured event is due and again when the last one has been fired (<see cref="RunContext.CpuWhileMeasuring"/>).
    /// </summary>
    /// <param name="fire">Called on the schedule's thread with the event's index, intended time and whether it counts; must return at once.</param>
    public static async Task RunMeasuredAsync(RunContext context, double rate, Action<long, long, bool> fire)
    {
        var p = context.Parameters;
        context.SetPhase(p.Warmup > TimeSpan.Zero ? "warmup" : "measure");
        var start = Clock.Now + Clock.Ticks(TimeSpan.FromMilliseconds(100));
        var measureFrom = start + Clock.Ticks(p.Warmup);
        var end = start + Clock.Ticks(p.Duration);
        context.MessageWindow = (measureFrom, end);
        var measuring = p.Warmup == TimeSpan.Zero;
        Task<WindowSnapshot>? opening = null;
        await OpenLoop.RunAsync(rate, start, end, long.MaxValue, p.Poisson, context.Random, (k, intended) =>
        {
            var measured = intended >= measureFrom;
            if (measured && opening is null)
            {
                // Reading /proc is off the schedule's thread, which must not fall behind.
                opening = Task.Run(() => WindowSnapshot.Take(context.Ledger, context.ServerPid));
            }

            if (measured && !measuring)
            {
                measuring = true;
                context.SetPhase("measure");
            }

            fire(k, intended, measured);
        }, context.Cancellation);

        var closing = WindowSnapshot.Take(context.Ledger, context.ServerPid);
        if (opening is not null)
        {
            context.CpuWhileMeasuring = CpuWhileMeasuring.Between(await opening, closing);
        }
    }

    /// <summary>Waits up to <c>--drain</c> for every message to be delivered and acknowledged (or to have failed).</summary>
    public static async Task DrainAsync(RunContext context)
    {
        context.SetPhase("drain");
        var drain = context.Parameters.Drain;
        if (!await context.Ledger.WhenSettledAsync(drain, context.Cancellation))
        {
            context.Note($"{context.Ledger.Outstanding} messages were neither delivered and acknowledged nor failed {ScenarioParameters.Span(drain)} after the load.");
        }
    }

    /// <summary>For a target that does not route: the least busy agent with room takes the chat.</summary>
    private static async Task AttachAsync(RunContext context, Chat chat, IReadOnlyList<AgentHandle> agents)
    {
        AgentHandle? agent;
        lock (agents)
        {
            agent = agents.Where(a => a.Active < a.Capacity).OrderBy(a => a.Active).FirstOrDefault() ?? agents.OrderBy(a => a.Active).FirstOrDefault();
        }

        if (agent is null)
        {
            context.Metrics.Error("attach", "no agent connected");
            return;
        }

        try
        {
            await agent.Connection.AttachAsync(chat.ConversationId, context.Cancellation);
        }
        catch (Exception e) when (!context.Cancellation.IsCancellationRequested)
        {
            context.Metrics.Error("attach", e);
        }
    }

    /// <summary>
    /// Registers a message in the ledger and sends it on the thread pool (the schedule never waits for it). Its
    /// latency counts from <paramref name="intendedTicks"/>.
    /// </summary>
    /// <returns>Completes when the send was acknowledged or failed (never faults).</returns>
    public static Task Send(RunContext context, Chat chat, Direction direction, long intendedTicks, bool measured)
    {
        var track = context.Ledger.Register(direction, chat.ConversationId, intendedTicks, measured);
        var text = MessageText.Compose(track.Id, intendedTicks, context.Parameters.MessageSize);
        return Task.Run(() => SendAsync(context, chat, track, text));
    }

    private static async Task SendAsync(RunContext context, Chat chat, MessageTrack track, string text)
    {
        context.Ledger.MarkSent(track);
        try
        {
            if (track.Direction == Direction.CustomerToAgent)
            {
                await chat.Customer!.SendAsync(track.Id, text, context.Cancellation);
            }
            else
            {
                await chat.Agent!.Connection.SendAsync(chat.ConversationId, track.Id, text, context.Cancellation);
            }

            context.Ledger.MarkAcknowledged(track);
        }
        catch (Exception e)
        {
            context.Ledger.MarkFailed(track);
            context.Metrics.Error(track.Direction == Direction.CustomerToAgent ? "customer send" : "agent send", e);
        }
    }

    /// <summary>Ends the chats still open, signs the agents out (so the target offers them nothing more) and closes every connection.</summary>
    public static async Task ShutdownAsync(RunContext context, IEnumerable<Chat> chats, IReadOnlyList<AgentHandle> agents)
    {
        context.SetPhase("teardown");
        var open = chats.Where(c => c.Customer is not null).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 32 };
        await Parallel.ForEachAsync(open, parallel, async (chat, _) =>
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                if (context.Driver.Features.EndsChats && !chat.Ended.Task.IsCompleted)
                {
                    await chat.Customer!.EndAsync(patience.Token);
                }
            }
            catch (Exception e)
            {
                context.Metrics.Error("teardown end", e);
            }

            await chat.CloseCustomerAsync();
        });

        await Parallel.ForEachAsync(agents, parallel, async (agent, _) =>
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await agent.Connection.SignOutAsync(patience.Token);
            }
            catch (Exception e)
            {
                context.Metrics.Error("teardown sign-out", e);
            }

            await agent.Connection.DisposeAsync();
        });
    }

    /// <summary>Waits for <paramref name="tasks"/> up to <paramref name="timeout"/>; true when all completed.</summary>
    public static async Task<bool> WhenAllAsync(IEnumerable<Task> tasks, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
