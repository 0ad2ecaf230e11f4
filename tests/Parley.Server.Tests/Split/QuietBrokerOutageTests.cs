using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Parley.Server.Conversations;
using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Split;

/// <summary>
/// A broker restart mid-conversation is an expected, retried condition: the core and the edge say so in a few calm
/// lines (Warning at most, no stack trace), and every message still arrives exactly once.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class QuietBrokerOutageTests(ITestOutputHelper output)
{
    private const int Messages = 30;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_broker_restart_mid_conversation_logs_no_error_or_stack_trace_and_loses_or_duplicates_no_message()
    {
        var logs = new CapturedLogs();
        await using var split = await SplitDeployment.StartAsync(["edge-1"], requestTimeout: TimeSpan.FromSeconds(2), configure: logs.AddTo);
        await using var alice = await split.CoreAddress.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(split.Edge("edge-1"));
        await alice.AcceptAsync(ann.Id);
        var traffic = new ChatTraffic(ann, () => alice);

        var customer = traffic.CustomerSendsAsync(Messages, Interval);
        var agent = traffic.AgentSendsAsync(Messages, Interval);
        await Eventually.ThatAsync(() => traffic.CustomerAcknowledged, n => n >= 5, "five acknowledged customer messages");
        await Broker.RestartAsync();
        await Task.WhenAll(customer, agent);

        var stored = await alice.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", ann.Id);
        var count = await traffic.CountAsync(stored, [alice], Messages);
        Assert.Equal(count.Sent, count.Stored);
        Assert.Equal(0, count.StoredDuplicates);
        Assert.Equal(Messages, count.DeliveredToCustomer);
        Assert.Equal(Messages, count.DeliveredToAgent);

        foreach (var entry in logs.Entries.Where(e => e.Level >= LogLevel.Warning))
        {
            output.WriteLine($"{entry.Level} {entry.Category}[{entry.EventId.Id}]: {entry.Message}{(entry.Exception is null ? "" : " + " + entry.Exception.GetType().Name)}");
        }

        var loud = logs.Entries.Where(e => e.Level >= LogLevel.Error || (e.Level >= LogLevel.Warning && e.Exception is not null))
            .Select(e => $"{e.Level} {e.Category}[{e.EventId.Id}]: {e.Message} {e.Exception?.GetType().Name}").ToList();
        Assert.True(loud.Count == 0, "Logged as errors or with a stack trace:\n" + string.Join('\n', loud));
    }
}
