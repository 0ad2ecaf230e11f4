using Parley.Load.Measurement;

namespace Parley.Load.Scenarios;

/// <summary>What the fault scenarios share: bringing clients back after a fault, and checking the stored history.</summary>
public static class Recovery
{
    private static readonly int[] RetryDelaysMs = [200, 500, 1000, 2000];

    /// <summary>
    /// Reconnects every item at once (each on its own task, as clients coming back after a fault do), retrying
    /// each until it works or <c>--setup-timeout</c> has passed. The time from <paramref name="sinceTicks"/> to
    /// each success goes to the latency <paramref name="latencyName"/>. Returns how many came back.
    /// </summary>
    public static async Task<int> ReconnectAllAsync<T>(
        RunContext context, IEnumerable<T> items, Func<T, CancellationToken, Task> reconnect, long sinceTicks, string latencyName, string description)
    {
        var latency = context.Metrics.Latency(latencyName, description);
        var back = await Task.WhenAll(items.Select(item => Task.Run(() => ReconnectAsync(context, ct => reconnect(item, ct), sinceTicks, latency))));
        return back.Count(b => b);
    }

    private static async Task<bool> ReconnectAsync(RunContext context, Func<CancellationToken, Task> reconnect, long sinceTicks, LatencyRecorder latency)
    {
        var deadline = Clock.Now + Clock.Ticks(context.Parameters.SetupTimeout);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var patience = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
                patience.CancelAfter(TimeSpan.FromSeconds(30));
                await reconnect(patience.Token);
                latency.RecordTicks(sinceTicks, Clock.Now);
                return true;
            }
            catch (Exception e) when (!context.Cancellation.IsCancellationRequested)
            {
                if (Clock.Now >= deadline)
                {
                    context.Metrics.Error(latency.Name, e);
                    return false;
                }

                // A real client backs off too; these are counted, not errors, unless the client never gets back.
                context.Metrics.Count($"{latency.Name} retried: {Metrics.Describe(e)}");
                await Task.Delay(RetryDelaysMs[Math.Min(attempt, RetryDelaysMs.Length - 1)], context.Cancellation);
            }
        }
    }

    /// <summary>
    /// Reads each conversation's history as the target stored it (Parley: the customer's <c>Resume(0)</c>) and
    /// checks that every acknowledged message is in it exactly once. The figures go into the result's details.
    /// </summary>
    public static async Task<HistoryCheck> CheckHistoryAsync(RunContext context, IReadOnlyList<Chat> chats)
    {
        context.SetPhase("verify");
        var acknowledged = context.Ledger.Tracks
            .Where(t => t.IsAcknowledged)
            .GroupBy(t => t.ConversationId)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToList());
        long checkedCount = 0, missing = 0, duplicated = 0, unread = 0;
        await Parallel.ForEachAsync(chats, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = context.Cancellation }, async (chat, ct) =>
        {
            if (!acknowledged.TryGetValue(chat.ConversationId, out var ids) || chat.Customer is not { } customer)
            {
                return;
            }

            IReadOnlyList<(string? ClientMessageId, long Seq)> history;
            try
            {
                history = await customer.HistoryAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                context.Metrics.Error("read history", e);
                Interlocked.Add(ref unread, ids.Count);
                return;
            }

            var stored = history.Where(h => h.ClientMessageId is not null).GroupBy(h => h.ClientMessageId!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var id in ids)
            {
                Interlocked.Increment(ref checkedCount);
                var times = stored.GetValueOrDefault(id);
                if (times == 0)
                {
                    Interlocked.Increment(ref missing);
                }
                else if (times > 1)
                {
                    Interlocked.Add(ref duplicated, times - 1);
                }
            }
        });

        var check = new HistoryCheck(checkedCount, missing, duplicated, unread);
        context.Details["historyAcknowledgedChecked"] = check.Checked;
        context.Details["historyMissing"] = check.Missing;
        context.Details["historyDuplicated"] = check.Duplicated;
        context.Details["historyUnread"] = check.Unread;
        if (check.Missing > 0 || check.Duplicated > 0 || check.Unread > 0)
        {
            context.Note($"History check: of {check.Checked} acknowledged messages, {check.Missing} are missing and {check.Duplicated} stored more than once; {check.Unread} could not be read.");
        }

        return check;
    }
}

/// <param name="Checked">Acknowledged messages looked for in their conversation's history.</param>
/// <param name="Missing">Of those, not in it: acknowledged, then lost.</param>
/// <param name="Duplicated">Extra copies stored.</param>
/// <param name="Unread">Acknowledged messages whose conversation's history could not be read.</param>
public sealed record HistoryCheck(long Checked, long Missing, long Duplicated, long Unread);
