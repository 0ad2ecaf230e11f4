using Parley.Load.Measurement;

namespace Parley.Load.Scenarios;

/// <summary>
/// Opens N customer connections (one conversation each, no agents, no messages) and holds them. Reports what one
/// idle connection costs the server: (RSS with N connections − RSS with the N conversations but no connection) / N,
/// and, next to it, the cost of conversation and connection together from before anything was started.
/// </summary>
public sealed class IdleScenario : IScenario
{
    public string Name => "idle";

    public string Summary => "Open N customer connections (one queued chat each) and hold them: server memory per connection.";

    public IReadOnlyList<string> Parameters { get; } = ["customers", "connect-rate", "duration", "setup-timeout"];

    public IReadOnlyList<string> ChartLatencies { get; } = ["startChat", "connectCustomer", "check"];

    public void ApplyPreset(ScenarioParameters parameters, bool smoke)
    {
        parameters.Customers = smoke ? 5 : 2000;
        parameters.ConnectRate = smoke ? 50 : 100;
        parameters.Duration = TimeSpan.FromSeconds(smoke ? 1 : 30);
    }

    public IEnumerable<string> Validate(ScenarioParameters parameters, LoadOptions options)
    {
        if (parameters.Customers < 1)
        {
            yield return "--customers must be at least 1.";
        }

        if (parameters.ConnectRate <= 0)
        {
            yield return "--connect-rate must be above 0.";
        }
    }

    public async Task RunAsync(RunContext context)
    {
        var p = context.Parameters;
        var ct = context.Cancellation;
        var book = new ChatBook();
        var connected = 0;
        context.Metrics.Gauge("connections", () => Volatile.Read(ref connected));
        var before = context.ServerReading();
        var chats = new List<Chat>();
        try
        {
            // 1. The conversations, without connections (they wait in the queue: there are no agents).
            context.SetPhase("chats");
            var started = new List<(int Index, long Intended, Task<Targets.StartedChat?> Task)>();
            await OpenLoop.RunAsync(p.ConnectRate, Clock.Now, long.MaxValue, p.Customers, poisson: false, context.Random,
                (i, intended) => started.Add(((int)i, intended, Task.Run(() => StartAsync(context, (int)i, intended)))), ct);
            var answered = await Task.WhenAll(started.Select(s => s.Task));
            var afterChats = context.ServerReading();

            // 2. One customer connection per conversation, at the same rate.
            context.SetPhase("connect");
            var connecting = new List<Task<Chat?>>();
            var ready = started.Zip(answered).Where(s => s.Second is not null).ToList();
            await OpenLoop.RunAsync(p.ConnectRate, Clock.Now, long.MaxValue, ready.Count, poisson: false, context.Random, (k, intended) =>
            {
                var (start, chat) = ready[(int)k];
                connecting.Add(Task.Run(() => ConnectAsync(context, book, chat!, start.Index, intended, () => Interlocked.Increment(ref connected))));
            }, ct);
            chats.AddRange((await Task.WhenAll(connecting)).OfType<Chat>());
            var atN = context.ServerReading();

            // 3. Hold them; read the server once a second.
            context.SetPhase("hold");
            var held = new List<ProcessReading>();
            using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1)))
            {
                var until = Clock.Now + Clock.Ticks(p.Duration);
                while (Clock.Now < until)
                {
                    if (context.ServerReading() is { } reading)
                    {
                        held.Add(reading);
                    }

                    if (!await timer.WaitForNextTickAsync(ct) || Clock.Now >= until)
                    {
                        break;
                    }
                }
            }

            // 4. Is every connection still there? One round trip each.
            context.SetPhase("check");
            var check = context.Metrics.Latency("check", "round trip on a held connection (Parley: Resume)");
            var alive = 0;
            await Parallel.ForEachAsync(chats, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct }, async (chat, token) =>
            {
                var sent = Clock.Now;
                try
                {
                    if (await chat.Customer!.CheckAsync(token))
                    {
                        check.RecordTicks(sent, Clock.Now);
                        Interlocked.Increment(ref alive);
                        return;
                    }

                    context.Metrics.Error("check", "connection closed");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    context.Metrics.Error("check", e);
                }
            });

            context.Details["customers"] = p.Customers;
            context.Details["chatsStarted"] = ready.Count;
            context.Details["connected"] = chats.Count;
            context.Details["aliveAfterHold"] = alive;
            if (alive < p.Customers)
            {
                context.Note($"{alive} of {p.Customers} connections were open and answering after the hold.");
            }

            Memory(context, before, afterChats, atN, held, chats.Count);
        }
        finally
        {
            await ScenarioKit.ShutdownAsync(context, chats, []);
        }
    }

    private static async Task<Targets.StartedChat?> StartAsync(RunContext context, int index, long intended)
    {
        try
        {
            var started = await context.Driver.StartChatAsync(index, context.Cancellation);
            context.Metrics.Latency("startChat", "POST /api/v1/conversations answered (from the intended start)").RecordTicks(intended, Clock.Now);
            return started;
        }
        catch (Exception e) when (!context.Cancellation.IsCancellationRequested)
        {
            context.Metrics.Error("start chat", e);
            return null;
        }
    }

    private static async Task<Chat?> ConnectAsync(RunContext context, ChatBook book, Targets.StartedChat started, int index, long intended, Action counted)
    {
        var chat = book.For(started.ConversationId);
        chat.SetStart(context, index, intended, measured: true);
        try
        {
            chat.Customer = await context.Driver.ConnectCustomerAsync(started, new CustomerHandle(context, book, chat.ConversationId), context.Cancellation);
            context.Metrics.Latency("connectCustomer", "customer hub connection open (and Resume answered), from the intended time").RecordTicks(intended, Clock.Now);
            counted();
            return chat;
        }
        catch (Exception e) when (!context.Cancellation.IsCancellationRequested)
        {
            context.Metrics.Error("connect customer", e);
            return null;
        }
    }

    /// <summary>Memory per connection from the server's RSS (median of the readings during the hold).</summary>
    private static void Memory(RunContext context, ProcessReading? before, ProcessReading? afterChats, ProcessReading? atN, List<ProcessReading> held, int connections)
    {
        if (before is null || afterChats is null || connections == 0)
        {
            context.Details["memory"] = null;
            if (context.ServerPid is null)
            {
                context.Note("No --server-pid: the server's memory per connection was not measured.");
            }

            return;
        }

        var holding = held.Count > 0 ? held.Select(r => r.RssKb).Order().ElementAt(held.Count / 2) : atN?.RssKb ?? afterChats.RssKb;
        context.Details["memory"] = new IdleMemory(
            before.RssKb, afterChats.RssKb, atN?.RssKb, holding, held.Count,
            Math.Round((holding - afterChats.RssKb) * 1024.0 / connections),
            Math.Round((holding - before.RssKb) * 1024.0 / connections));
    }
}

/// <param name="RssBeforeKb">Server RSS before the run started anything.</param>
/// <param name="RssWithChatsKb">After the N conversations were started, before any connection.</param>
/// <param name="RssConnectedKb">Right after the last connection opened.</param>
/// <param name="RssHoldKb">Median of the readings during the hold.</param>
/// <param name="BytesPerConnection">(hold − with chats) / N: one idle customer connection.</param>
/// <param name="BytesPerChatAndConnection">(hold − before) / N: conversation and connection together.</param>
public sealed record IdleMemory(
    long RssBeforeKb, long RssWithChatsKb, long? RssConnectedKb, long RssHoldKb, int HoldReadings, double BytesPerConnection, double BytesPerChatAndConnection);
