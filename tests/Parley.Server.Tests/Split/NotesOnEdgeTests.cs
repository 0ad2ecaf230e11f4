using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Split;

/// <summary>
/// Internal notes in a split deployment over RabbitMQ: every event the edge receives from the transport is captured,
/// and none carries a note — written alone, with a transfer or whispered by a supervisor — while the chat's messages
/// (a barged-in supervisor's too) do arrive.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class NotesOnEdgeTests
{
    [Fact]
    public async Task No_note_crosses_the_transport_to_the_edge()
    {
        var received = new ConcurrentQueue<EdgeEvent>();
        await using var split = await SplitDeployment.StartAsync(["edge-1"], configure: web => web.ConfigureTestServices(services => Capture(services, received)));
        var core = split.Core!;
        await using var alice = await core.ConnectAgentAsync("alice");
        await using var bob = await core.ConnectAgentAsync("bob");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(split.Edge("edge-1"));
        await alice.AcceptAsync(ann.Id);
        await bob.GoAvailableAsync();

        await alice.Connection.InvokeAsync<NoteView>("AddNote", ann.Id, "SECRET-NOTE-1 customer is a reseller");
        await alice.Connection.InvokeAsync("TransferToAgentWithNote", ann.Id, "bob", "SECRET-NOTE-2 handle the refund");
        await bob.AcceptAsync(ann.Id);
        await bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Hello from Bob");
        await ann.Messages.WaitForAsync(m => m.Text == "Hello from Bob", "Bob's message through the edge");

        var wire = received.Select(e => JsonSerializer.Serialize<object>(e)).ToList();
        Assert.Contains(wire, e => e.Contains("Hello from Bob", StringComparison.Ordinal));
        Assert.DoesNotContain(wire, e => e.Contains("SECRET-NOTE", StringComparison.Ordinal));
        Assert.DoesNotContain(ann.Messages.Seen, m => m.Text.Contains("SECRET-NOTE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_whisper_crosses_the_transport_to_the_edge_while_a_barged_in_supervisors_message_does()
    {
        var received = new ConcurrentQueue<EdgeEvent>();
        await using var split = await SplitDeployment.StartAsync(["edge-1"], configure: web => web.ConfigureTestServices(services => Capture(services, received)));
        var core = split.Core!;
        await using var bob = await core.ConnectAgentAsync("bob");
        await using var alice = await core.ConnectAgentAsync("alice");
        await bob.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(split.Edge("edge-1"));
        await bob.AcceptAsync(ann.Id);

        await alice.Connection.InvokeAsync<MonitoredChatView>("Monitor", ann.Id);
        await alice.Connection.InvokeAsync<NoteView>("Whisper", ann.Id, "SECRET-WHISPER-1 offer the voucher");
        await bob.Notes.WaitForAsync(n => n.Note.Whisper, "the whisper at Bob's desk");
        await alice.Connection.InvokeAsync<MonitoredChatView>("BargeIn", ann.Id);
        await alice.Connection.InvokeAsync<MessageAccepted>("SendAsSupervisor", ann.Id, Guid.NewGuid().ToString(), "Hello from the supervisor");
        await ann.Messages.WaitForAsync(m => m.Text == "Hello from the supervisor" && m.SenderName == "Alice Adams", "the supervisor's message through the edge");

        var wire = received.Select(e => JsonSerializer.Serialize<object>(e)).ToList();
        Assert.Contains(wire, e => e.Contains("Hello from the supervisor", StringComparison.Ordinal));
        Assert.DoesNotContain(wire, e => e.Contains("SECRET-WHISPER", StringComparison.Ordinal));
        Assert.DoesNotContain(ann.Messages.Seen, m => m.Text.Contains("SECRET-WHISPER", StringComparison.Ordinal));
    }

    /// <summary>On an edge, every event its transport hands over is recorded before the edge's own handler takes it.</summary>
    private static void Capture(IServiceCollection services, ConcurrentQueue<EdgeEvent> received)
    {
        if (services.LastOrDefault(d => d.ServiceType == typeof(IEdgeEventHandler)) is not { ImplementationType: { } inner })
        {
            return; // the core: it receives no edge events
        }

        services.RemoveAll<IEdgeEventHandler>();
        services.AddSingleton<IEdgeEventHandler>(sp => new Recorder((IEdgeEventHandler)ActivatorUtilities.CreateInstance(sp, inner), received));
    }

    private sealed class Recorder(IEdgeEventHandler inner, ConcurrentQueue<EdgeEvent> received) : IEdgeEventHandler
    {
        public Task HandleAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken)
        {
            received.Enqueue(edgeEvent);
            return inner.HandleAsync(edgeEvent, cancellationToken);
        }
    }
}
