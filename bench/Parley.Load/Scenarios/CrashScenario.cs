using Parley.Load.Measurement;

namespace Parley.Load.Scenarios;

/// <summary>
/// The steady load, and mid-way the server killed with SIGKILL (no shutdown, nothing flushed) and started again.
/// Every client reconnects; sends that were cut off go again with their clientMessageId, as the widget does. Then
/// every acknowledged message must be in its conversation's history exactly once, and delivered to the other
/// side (pushed, or fetched on resume: the customer's Resume, the agent's transcript).
/// </summary>
public sealed class CrashScenario : IScenario
{
    public string Name => "crash";

    public string Summary => "Steady load; the server is killed (SIGKILL) and restarted mid-load: every acknowledged message stored once and delivered after resume.";

    public IReadOnlyList<string> Parameters { get; } =
        ["conversations", "agents", "capacity", "rate", "duration", "fault-at", "connect-rate", "drain", "setup-timeout", "message-size", "poisson"];

    public IReadOnlyList<string> ChartLatencies { get; } = ["customerToAgent", "agentToCustomer"];

    public void ApplyPreset(ScenarioParameters parameters, bool smoke)
    {
        parameters.SetMessageLoad(
            conversations: smoke ? 4 : 500, rate: smoke ? 8 : 200, duration: TimeSpan.FromSeconds(smoke ? 5 : 40),
            connectRate: smoke ? 50 : 100, drain: TimeSpan.FromSeconds(smoke ? 60 : 120));
        parameters.FaultAt = TimeSpan.FromSeconds(smoke ? 1.5 : 15);
    }

    public IEnumerable<string> Validate(ScenarioParameters parameters, LoadOptions options)
    {
        if (options.Target != "parley")
        {
            yield return "crash runs against parley only: the relays keep nothing, so a restart loses everything by design.";
        }

        if (string.IsNullOrWhiteSpace(options.ServerCommand))
        {
            yield return "crash needs --server-command (the tool kills the server and starts it again with it).";
        }

        foreach (var problem in parameters.ValidateMessageLoad())
        {
            yield return problem;
        }

        if (parameters.FaultAt >= parameters.Duration)
        {
            yield return "--fault-at must be within --duration.";
        }
    }

    public async Task RunAsync(RunContext context)
    {
        var p = context.Parameters;
        var server = context.Server ?? throw new InvalidOperationException("crash needs the server started by the tool (--server-command).");
        var book = new ChatBook();
        var agents = await ScenarioKit.ConnectAgentsAsync(context, book, p.AgentsFor(p.Conversations));
        var chats = new List<Chat>();
        try
        {
            var ready = await ScenarioKit.OpenConversationsAsync(context, book, agents, p.Conversations, chats);
            var load = ScenarioKit.RunMessagesAsync(context, ready);
            await Task.Delay(p.FaultAt, context.Cancellation);

            context.SetPhase("crash");
            var killedAt = Clock.Now;
            context.Details["acknowledgedBeforeCrash"] = context.Ledger.Acknowledged;
            await server.KillAsync();
            context.ServerPid = null;

            context.SetPhase("restart");
            var took = await server.StartAsync(context.Cancellation);
            context.ServerPid = server.Pid;
            context.Details["restartSeconds"] = Math.Round(took.TotalSeconds, 3);

            // Agents first (signed in with the same token, Available again), then the customers (Resume after the last seq they saw).
            context.SetPhase("reconnect");
            var agentsBack = await Recovery.ReconnectAllAsync(context, agents, (a, ct) => a.Connection.ReconnectAsync(ct), killedAt,
                "agentReconnect", "kill → agent connected again and Available");
            var customersBack = await Recovery.ReconnectAllAsync(context, ready, (c, ct) => c.Customer!.ReconnectAsync(ct), killedAt,
                "customerReconnect", "kill → customer connected again and Resume answered");
            // What the desktop does on reconnecting: reload each open conversation's transcript.
            await Parallel.ForEachAsync(ready, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = context.Cancellation }, async (chat, ct) =>
            {
                try
                {
                    await chat.Agent!.Connection.FetchAsync(chat.ConversationId, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    context.Metrics.Error("agent transcript", e);
                }
            });
            context.Details["agentsReconnected"] = agentsBack;
            context.Details["customersReconnected"] = customersBack;
            context.Details["killToAllBackSeconds"] = Math.Round(Clock.Seconds(killedAt, Clock.Now), 3);
            if (agentsBack < agents.Count || customersBack < ready.Count)
            {
                context.Note($"Back after the restart: {agentsBack} of {agents.Count} agents, {customersBack} of {ready.Count} customers.");
            }

            context.SetPhase("after");
            await load;
            await ScenarioKit.DrainAsync(context);
            context.Details["deliveredByResume"] = context.Ledger.Recovered;
            await Recovery.CheckHistoryAsync(context, ready);
        }
        finally
        {
            await ScenarioKit.ShutdownAsync(context, chats, agents);
        }
    }
}
