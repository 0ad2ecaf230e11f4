using Parley.Load.Measurement;

namespace Parley.Load.Scenarios;

/// <summary>
/// C concurrent conversations, each with its customer and an agent (capacity 3–5), exchanging messages at a fixed
/// total rate: message k goes to conversation k mod C, from the customer in even rounds and the agent in odd
/// ones, at its scheduled time whether or not earlier ones were answered.
/// </summary>
public sealed class SteadyScenario : IScenario
{
    public string Name => "steady";

    public string Summary => "C concurrent conversations; customers and agents exchange messages at a fixed total rate (open loop).";

    public IReadOnlyList<string> Parameters { get; } =
        ["conversations", "agents", "capacity", "rate", "duration", "warmup", "connect-rate", "drain", "setup-timeout", "message-size", "poisson"];

    public IReadOnlyList<string> ChartLatencies { get; } = ["customerToAgent", "agentToCustomer"];

    public void ApplyPreset(ScenarioParameters parameters, bool smoke)
    {
        parameters.Conversations = smoke ? 4 : 200;
        parameters.Agents = 0;
        (parameters.CapacityMin, parameters.CapacityMax) = (3, 5);
        parameters.MessageRate = smoke ? 8 : 200;
        parameters.Duration = TimeSpan.FromSeconds(smoke ? 3 : 60);
        parameters.Warmup = TimeSpan.FromSeconds(smoke ? 0 : 10);
        parameters.ConnectRate = smoke ? 50 : 50;
        parameters.Drain = TimeSpan.FromSeconds(smoke ? 30 : 30);
    }

    public IEnumerable<string> Validate(ScenarioParameters parameters)
    {
        if (parameters.Conversations < 1)
        {
            yield return "--conversations must be at least 1.";
        }

        if (parameters.MessageRate <= 0 || parameters.ConnectRate <= 0)
        {
            yield return "--rate and --connect-rate must be above 0.";
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
        var perCustomer = p.MessageRate / 2 / p.Conversations;
        if (context.Driver.Name == "parley" && perCustomer > 4)
        {
            context.Note($"Each customer sends {perCustomer:0.##} messages/s; Parley's customer hub allows 5 calls/s per connection (burst 20), so sends may be refused.");
        }

        var book = new ChatBook();
        var agents = await ScenarioKit.ConnectAgentsAsync(context, book, p.AgentsFor(p.Conversations));
        var chats = new List<Chat>();
        try
        {
            if (agents.Count == 0)
            {
                throw new InvalidOperationException("No agent could connect.");
            }

            // Set-up: start the conversations at the connect rate, and wait until each is with an agent.
            context.SetPhase("chats");
            var starting = new List<Task<Chat?>>();
            await OpenLoop.RunAsync(p.ConnectRate, Clock.Now, long.MaxValue, p.Conversations, poisson: false, context.Random,
                (i, intended) => starting.Add(Task.Run(() => ScenarioKit.StartChatAsync(context, book, (int)i, intended, measured: true, agents))), ct);
            chats.AddRange((await Task.WhenAll(starting)).OfType<Chat>());
            if (!await ScenarioKit.WhenAllAsync(chats.Select(c => c.Assigned.Task), p.SetupTimeout, ct))
            {
                var waiting = chats.Count(c => !c.Assigned.Task.IsCompleted);
                context.Note($"{waiting} of {chats.Count} conversations were not with an agent after {ScenarioParameters.Span(p.SetupTimeout)}; they are left out.");
            }

            var ready = chats.Where(c => c.Assigned.Task.IsCompleted).ToList();
            if (ready.Count < p.Conversations)
            {
                context.Note($"{ready.Count} of {p.Conversations} conversations ready.");
            }

            if (ready.Count == 0)
            {
                throw new InvalidOperationException("No conversation reached an agent.");
            }

            context.Details["conversations"] = ready.Count;
            context.Details["agentsConnected"] = agents.Count;
            context.Details["conversationsPerAgent"] = agents.ToDictionary(a => a.Username, a => a.Active, StringComparer.Ordinal);

            // The load: a fixed schedule over the ready conversations.
            context.SetPhase(p.Warmup > TimeSpan.Zero ? "warmup" : "measure");
            var start = Clock.Now + Clock.Ticks(TimeSpan.FromMilliseconds(100));
            var measureFrom = start + Clock.Ticks(p.Warmup);
            var end = start + Clock.Ticks(p.Duration);
            context.MessageWindow = (measureFrom, end);
            var measuring = p.Warmup == TimeSpan.Zero;
            await OpenLoop.RunAsync(p.MessageRate, start, end, long.MaxValue, p.Poisson, context.Random, (k, intended) =>
            {
                var measured = intended >= measureFrom;
                if (measured && !measuring)
                {
                    measuring = true;
                    context.SetPhase("measure");
                }

                var chat = ready[(int)(k % ready.Count)];
                var direction = (k / ready.Count) % 2 == 0 ? Direction.CustomerToAgent : Direction.AgentToCustomer;
                _ = ScenarioKit.Send(context, chat, direction, intended, measured);
            }, ct);

            context.SetPhase("drain");
            if (!await context.Ledger.WhenSettledAsync(p.Drain, ct))
            {
                context.Note($"{context.Ledger.Outstanding} messages were neither delivered nor failed {ScenarioParameters.Span(p.Drain)} after the load.");
            }
        }
        finally
        {
            await ScenarioKit.ShutdownAsync(context, chats, agents);
        }
    }
}
