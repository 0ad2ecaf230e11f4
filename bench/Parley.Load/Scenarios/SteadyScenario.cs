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
        parameters.SetMessageLoad(
            conversations: smoke ? 4 : 200, rate: smoke ? 8 : 200, duration: TimeSpan.FromSeconds(smoke ? 3 : 60),
            connectRate: 50, drain: TimeSpan.FromSeconds(30), warmup: TimeSpan.FromSeconds(smoke ? 0 : 10));
    }

    public IEnumerable<string> Validate(ScenarioParameters parameters, LoadOptions options) => parameters.ValidateMessageLoad();

    public async Task RunAsync(RunContext context)
    {
        var p = context.Parameters;
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
            var ready = await ScenarioKit.OpenConversationsAsync(context, book, agents, p.Conversations, chats);
            await ScenarioKit.RunMessagesAsync(context, ready);
            await ScenarioKit.DrainAsync(context);
        }
        finally
        {
            await ScenarioKit.ShutdownAsync(context, chats, agents);
        }
    }
}
