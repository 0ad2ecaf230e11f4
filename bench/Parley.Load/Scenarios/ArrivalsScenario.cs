using Parley.Load.Measurement;

namespace Parley.Load.Scenarios;

/// <summary>
/// Chats arrive at a fixed rate against M agents. Each: the customer starts it (REST) and connects; routing offers
/// it to an agent, who accepts at once and greets; the customer answers the greeting; after the handle time the
/// agent closes it. Measures start → offer → accept, how long chats wait, and how the queue grows.
/// </summary>
public sealed class ArrivalsScenario : IScenario
{
    public string Name => "arrivals";

    public string Summary => "Chats arrive at R/s against M agents who accept, greet and close after a handle time: routing latency and queueing.";

    public IReadOnlyList<string> Parameters { get; } =
        ["arrival-rate", "duration", "warmup", "agents", "capacity", "handle-time", "drain", "setup-timeout", "message-size", "poisson"];

    public IReadOnlyList<string> ChartLatencies { get; } = ["startToOffer", "startToAccept", "agentToCustomer", "customerToAgent"];

    public void ApplyPreset(ScenarioParameters parameters, bool smoke)
    {
        parameters.ArrivalRate = smoke ? 4 : 5;
        parameters.Duration = TimeSpan.FromSeconds(smoke ? 2 : 60);
        parameters.Warmup = TimeSpan.FromSeconds(smoke ? 0 : 5);
        parameters.Agents = smoke ? 3 : 20;
        (parameters.CapacityMin, parameters.CapacityMax) = (3, 5);
        parameters.HandleTime = TimeSpan.FromSeconds(smoke ? 0.5 : 10);
        parameters.Drain = TimeSpan.FromSeconds(30);
    }

    public IEnumerable<string> Validate(ScenarioParameters parameters, LoadOptions options)
    {
        if (parameters.ArrivalRate <= 0)
        {
            yield return "--arrival-rate must be above 0.";
        }

        if (parameters.Agents < 1)
        {
            yield return "--agents must be at least 1.";
        }

        if (parameters.Warmup >= parameters.Duration)
        {
            yield return "--warmup must be shorter than --duration.";
        }
    }

    public async Task RunAsync(RunContext context)
    {
        var p = context.Parameters;
        var ct = context.Cancellation;
        var book = new ChatBook();
        var agents = await ScenarioKit.ConnectAgentsAsync(context, book, p.Agents);
        var capacity = agents.Sum(a => a.Capacity);
        var offered = p.ArrivalRate * p.HandleTime.TotalSeconds;
        context.Details["agentsConnected"] = agents.Count;
        context.Details["totalCapacity"] = capacity;
        context.Details["offeredLoadChats"] = Math.Round(offered, 2);
        if (offered > capacity)
        {
            context.Note($"Arrival rate × handle time ≈ {offered:0.#} chats at once, above the agents' capacity {capacity}: the queue will grow.");
        }

        // Chats started (answered) and accepted so far: the difference is the queue.
        long started = 0;
        context.Metrics.Gauge("waiting", () => Interlocked.Read(ref started) - book.AcceptedCount);
        context.Metrics.Gauge("inService", () => book.AcceptedCount - book.EndedCount);
        var chats = new List<Task<Chat?>>();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            foreach (var agent in agents)
            {
                agent.OnAssigned = chat => _ = ServeAsync(context, chat, stop.Token);
            }

            await ScenarioKit.RunMeasuredAsync(context, p.ArrivalRate, (i, intended, measured) =>
                chats.Add(Task.Run(() => StartAsync(context, book, (int)i, intended, measured, agents, () => Interlocked.Increment(ref started)))));

            // Every chat that started must reach an agent and be closed within the handle time plus the drain.
            context.SetPhase("drain");
            var all = (await Task.WhenAll(chats)).OfType<Chat>().ToList();
            var finished = await ScenarioKit.WhenAllAsync(all.Select(c => c.Ended.Task), p.HandleTime + p.Drain, ct);
            await stop.CancelAsync();
            var notAssigned = all.Count(c => !c.Assigned.Task.IsCompleted);
            var notEnded = all.Count(c => !c.Ended.Task.IsCompleted);
            context.Details["chatsArrived"] = chats.Count;
            context.Details["chatsStarted"] = all.Count;
            context.Details["chatsAssigned"] = all.Count - notAssigned;
            context.Details["chatsClosed"] = all.Count - notEnded;
            if (!finished)
            {
                context.Note($"{notAssigned} chats never reached an agent and {notEnded} were not closed {ScenarioParameters.Span(p.HandleTime + p.Drain)} after the last arrival.");
            }

            if (!await context.Ledger.WhenSettledAsync(p.Drain, ct))
            {
                context.Note($"{context.Ledger.Outstanding} messages were neither delivered nor failed {ScenarioParameters.Span(p.Drain)} after the load.");
            }

            await ScenarioKit.ShutdownAsync(context, all, agents);
        }
        catch
        {
            await stop.CancelAsync();
            var begun = chats.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).OfType<Chat>();
            await ScenarioKit.ShutdownAsync(context, begun, agents);
            throw;
        }
        finally
        {
            stop.Dispose();
        }
    }

    private static async Task<Chat?> StartAsync(
        RunContext context, ChatBook book, int index, long intended, bool measured, IReadOnlyList<AgentHandle> agents, Action counted)
    {
        var chat = await ScenarioKit.StartChatAsync(context, book, index, intended, measured, agents, (chat, customer) =>
        {
            // The customer answers the agent's greeting, once.
            var answered = 0;
            customer.OnMessage = message =>
            {
                if (context.Ledger.DirectionOf(message.ClientMessageId ?? MessageText.IdOf(message.Text)) == Direction.AgentToCustomer
                    && Interlocked.Exchange(ref answered, 1) == 0)
                {
                    _ = ReplyAsync(context, chat);
                }
            };
        });
        if (chat is not null)
        {
            counted();
        }

        return chat;
    }

    private static async Task ReplyAsync(RunContext context, Chat chat)
    {
        await ScenarioKit.Send(context, chat, Direction.CustomerToAgent, Clock.Now, chat.Measured);
        chat.Replied.TrySetResult();
    }

    /// <summary>
    /// The agent has the chat: greet once the customer is connected; close after the handle time, and not before the
    /// customer's answer was acknowledged (a message sent to an ended chat is refused).
    /// </summary>
    private static async Task ServeAsync(RunContext context, Chat chat, CancellationToken stop)
    {
        try
        {
            await chat.CustomerReady.Task.WaitAsync(stop);
            _ = ScenarioKit.Send(context, chat, Direction.AgentToCustomer, Clock.Now, chat.Measured);
            await Task.Delay(context.Parameters.HandleTime, stop);
            await chat.Replied.Task.WaitAsync(stop);
            if (context.Driver.Features.EndsChats)
            {
                // Parley tells the agent (ConversationEnded) and the customer (Status ended); the bare relay's agent ends it itself.
                await chat.Agent!.Connection.CloseAsync(chat.ConversationId, stop);
                await chat.Ended.Task.WaitAsync(stop);
            }
            else
            {
                chat.SetEnded(); // The SignalR relay has no Close: the chat is over when the handle time is.
            }

            await chat.CloseCustomerAsync();
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
        catch (Exception e)
        {
            context.Metrics.Error("close", e);
        }
    }
}
