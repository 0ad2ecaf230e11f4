using Parley.Load.Measurement;

namespace Parley.Load.Scenarios;

/// <summary>
/// The steady load, and mid-way K customer connections cut at once (their sockets aborted, as when a site's
/// network or a proxy fails). While they are away the agents keep writing to them. Then all K reconnect at once and
/// resume; the ledger checks that every message they missed arrived exactly once.
/// </summary>
public sealed class ReconnectStormScenario : IScenario
{
    public string Name => "reconnect-storm";

    public string Summary => "Steady load; K customer connections are cut at once, stay away, then all reconnect and resume: time until all are back, every missed message once.";

    public IReadOnlyList<string> Parameters { get; } =
        ["conversations", "agents", "capacity", "rate", "duration", "warmup", "fault-at", "drop", "down", "connect-rate", "drain", "setup-timeout", "message-size", "poisson"];

    public IReadOnlyList<string> ChartLatencies { get; } = ["customerToAgent", "agentToCustomer"];

    public void ApplyPreset(ScenarioParameters parameters, bool smoke)
    {
        parameters.SetMessageLoad(
            conversations: smoke ? 6 : 1000, rate: smoke ? 12 : 200, duration: TimeSpan.FromSeconds(smoke ? 4 : 40),
            connectRate: smoke ? 50 : 100, drain: TimeSpan.FromSeconds(30));
        parameters.FaultAt = TimeSpan.FromSeconds(smoke ? 1.5 : 15);
        // The smoke run drops some, not all, so that it also sees the ones left alone.
        parameters.Drop = smoke ? 4 : 0;
        parameters.Down = TimeSpan.FromSeconds(smoke ? 0.5 : 2);
    }

    public IEnumerable<string> Validate(ScenarioParameters parameters, LoadOptions options)
    {
        if (options.Target == "bare-relay")
        {
            yield return "The bare relay has no reconnect (one socket per side, once): run reconnect-storm against parley or signalr-relay.";
        }

        foreach (var problem in parameters.ValidateMessageLoad())
        {
            yield return problem;
        }

        if (parameters.Drop > parameters.Conversations)
        {
            yield return "--drop cannot be more than --conversations.";
        }

        if (parameters.FaultAt + parameters.Down >= parameters.Duration)
        {
            yield return "--fault-at plus --down must be within --duration, so that the load goes on after the customers are back.";
        }
    }

    public async Task RunAsync(RunContext context)
    {
        var p = context.Parameters;
        var book = new ChatBook();
        var agents = await ScenarioKit.ConnectAgentsAsync(context, book, p.AgentsFor(p.Conversations));
        var chats = new List<Chat>();
        try
        {
            var ready = await ScenarioKit.OpenConversationsAsync(context, book, agents, p.Conversations, chats);
            var load = ScenarioKit.RunMessagesAsync(context, ready);
            await Task.Delay(p.FaultAt, context.Cancellation);

            // Every (n/k)-th conversation, so that the dropped ones are spread over the agents.
            var count = p.Drop == 0 ? ready.Count : Math.Min(p.Drop, ready.Count);
            var victims = Enumerable.Range(0, count).Select(i => ready[(int)((long)i * ready.Count / count)]).ToList();
            context.SetPhase("drop");
            var droppedAt = Clock.Now;
            await Task.WhenAll(victims.Select(c => Task.Run(() => c.Customer!.DropAsync())));
            var down = victims.Count(c => !c.Customer!.IsConnected);
            context.Details["dropped"] = down;
            context.Details["dropSeconds"] = Math.Round(Clock.Seconds(droppedAt, Clock.Now), 3);
            var recoveredBefore = context.Ledger.Recovered;

            await Task.Delay(p.Down, context.Cancellation);
            context.SetPhase("reconnect");
            var reconnectAt = Clock.Now;
            var back = await Recovery.ReconnectAllAsync(context, victims, (c, ct) => c.Customer!.ReconnectAsync(ct), reconnectAt,
                "reconnect", "reconnect started → connected again and Resume answered (each dropped customer)");
            context.Details["reconnected"] = back;
            context.Details["allBackSeconds"] = Math.Round(Clock.Seconds(reconnectAt, Clock.Now), 3);
            context.Details["dropToAllBackSeconds"] = Math.Round(Clock.Seconds(droppedAt, Clock.Now), 3);
            context.Details["missedAndResumed"] = context.Ledger.Recovered - recoveredBefore;
            if (back < victims.Count)
            {
                context.Note($"{victims.Count - back} of {victims.Count} dropped customers did not get back within {ScenarioParameters.Span(p.SetupTimeout)}.");
            }

            context.SetPhase("after");
            await load;
            await ScenarioKit.DrainAsync(context);
        }
        finally
        {
            await ScenarioKit.ShutdownAsync(context, chats, agents);
        }
    }
}
