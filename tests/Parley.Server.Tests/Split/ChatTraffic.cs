using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// Both sides of one conversation send numbered messages the way the widget and desktop do — each with its own
/// clientMessageId, resent with the same id after a retryable error or a lost connection — and every message is
/// accounted for: sent, acknowledged, stored, delivered, duplicated.
/// </summary>
public sealed class ChatTraffic(CustomerSession customer, Func<AgentSession> agent)
{
    private readonly ConcurrentDictionary<string, long> _customerAcks = new();
    private readonly ConcurrentDictionary<string, long> _agentAcks = new();
    private readonly ConcurrentQueue<TimeSpan> _ackTimes = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _customerRetries;
    private int _agentRetries;

    public int CustomerAcknowledged => _customerAcks.Count;
    public int CustomerRetries => _customerRetries;
    public int AgentRetries => _agentRetries;

    /// <summary>Time since the traffic began; the recovery time is measured on the same clock.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>The first acknowledgement (either side) at or after <paramref name="since"/>.</summary>
    public TimeSpan? FirstAckAfter(TimeSpan since) => _ackTimes.Where(t => t >= since).Order().Cast<TimeSpan?>().FirstOrDefault();

    public static string Text(string side, int i) => $"{side} message {i:000}";

    public async Task CustomerSendsAsync(int count, TimeSpan interval)
    {
        for (var i = 0; i < count; i++)
        {
            var id = "c-" + i;
            while (true)
            {
                try
                {
                    var accepted = await customer.SendAsync(Text("customer", i), id);
                    _customerAcks[id] = accepted.Seq;
                    _ackTimes.Enqueue(_clock.Elapsed);
                    break;
                }
                catch (HubException e) when (e.Message.Contains("[retry]", StringComparison.Ordinal))
                {
                    // The widget's answer to "the chat service cannot be reached": keep the message, resend it with the same id.
                    Interlocked.Increment(ref _customerRetries);
                    await Task.Delay(250); // the widget's pause before a resend: paces real traffic to child processes
                }
            }

            await Task.Delay(interval); // the pace of the traffic (real processes, real time), not a wait for a result
        }
    }

    public async Task AgentSendsAsync(int count, TimeSpan interval, Func<Task>? reconnect = null)
    {
        for (var i = 0; i < count; i++)
        {
            var id = "a-" + i;
            while (true)
            {
                try
                {
                    var accepted = await agent().Connection.InvokeAsync<MessageAccepted>("Send", customer.Id, id, Text("agent", i));
                    _agentAcks[id] = accepted.Seq;
                    _ackTimes.Enqueue(_clock.Elapsed);
                    break;
                }
                catch (Exception e) when (e is not HubException && reconnect is not null)
                {
                    // The core went away under the desktop: sign in again once it is back, resend with the same id.
                    Interlocked.Increment(ref _agentRetries);
                    await reconnect();
                }
            }

            await Task.Delay(interval); // the pace of the traffic (real processes, real time), not a wait for a result
        }
    }

    /// <summary>Waits until each side has received every message the other side had acknowledged, then counts.</summary>
    public async Task<TrafficCount> CountAsync(IReadOnlyList<MessageView> stored, IReadOnlyList<AgentSession> agentSessions, int count)
    {
        // Delivered to the customer: live pushes, and what Resync/Resume fetched after an outage.
        foreach (var id in _agentAcks.Keys)
        {
            var seq = _agentAcks[id];
            await customer.Messages.WaitForAsync(m => m.Seq == seq, $"agent message {id} (seq {seq}) at the customer", TimeSpan.FromSeconds(30));
        }

        var atCustomer = customer.Messages.Seen.Where(m => m.Sender == MessageSender.Agent).ToList();
        // Delivered to the agent: live pushes to any of its desktop sessions, plus the transcript it loads after signing in again.
        var atAgent = agentSessions.SelectMany(s => s.Messages.Seen).Where(m => m.ConversationId == customer.Id)
            .Select(m => m.Message).Where(m => m.Sender == MessageSender.Customer).ToList();
        var afterResume = stored.Where(m => m.Sender == MessageSender.Customer).ToList();

        var storedCustomer = stored.Where(m => m.Text.StartsWith("customer message", StringComparison.Ordinal)).ToList();
        var storedAgent = stored.Where(m => m.Text.StartsWith("agent message", StringComparison.Ordinal)).ToList();
        return new TrafficCount(
            Sent: count * 2,
            Acknowledged: _customerAcks.Count + _agentAcks.Count,
            Stored: storedCustomer.Select(m => m.Text).Distinct().Count() + storedAgent.Select(m => m.Text).Distinct().Count(),
            StoredDuplicates: storedCustomer.Count - storedCustomer.Select(m => m.Text).Distinct().Count()
                + storedAgent.Count - storedAgent.Select(m => m.Text).Distinct().Count(),
            DeliveredToCustomer: atCustomer.Select(m => m.Seq).Distinct().Count(),
            DeliveredToAgentLive: atAgent.Select(m => m.Seq).Distinct().Count(),
            DeliveredToAgent: atAgent.Concat(afterResume).Select(m => m.Seq).Distinct().Count(),
            DeliveredDuplicates: atCustomer.Count - atCustomer.Select(m => m.Seq).Distinct().Count(),
            AckedButNotStored: _customerAcks.Values.Concat(_agentAcks.Values).Count(seq => stored.All(m => m.Seq != seq)),
            CustomerRetries: _customerRetries,
            AgentRetries: _agentRetries);
    }
}

/// <param name="DeliveredDuplicates">The same seq pushed to the customer more than once (live and again by a resync); the widget shows it once.</param>
public sealed record TrafficCount(
    int Sent,
    int Acknowledged,
    int Stored,
    int StoredDuplicates,
    int DeliveredToCustomer,
    int DeliveredToAgentLive,
    int DeliveredToAgent,
    int DeliveredDuplicates,
    int AckedButNotStored,
    int CustomerRetries,
    int AgentRetries);
