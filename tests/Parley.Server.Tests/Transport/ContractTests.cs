using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Transport;

/// <summary>Every edge–core contract must survive the wire format unchanged.</summary>
public sealed class ContractTests
{
    public static TheoryData<object> Samples() => new()
    {
        new GetQueueInfo("support"),
        new StartConversation(Guid.NewGuid(), "support", new CustomerInfo("Ann", "ann@example.com"), new Dictionary<string, string> { ["topic"] = "Billing" }),
        new GetConversation(Guid.NewGuid()),
        new PostCustomerMessage(Guid.NewGuid(), "c-1", "hello"),
        new GetMessages(Guid.NewGuid(), 7),
        new CustomerTyping(Guid.NewGuid()),
        new EndConversation(Guid.NewGuid()),
        new StartConversation(Guid.NewGuid(), "support", new CustomerInfo("Ann", null, "Europe/Amsterdam"), new Dictionary<string, string>()),
        new RateConversation(Guid.NewGuid(), 4, "Quick and kind <3"),
        new RequestTranscript(Guid.NewGuid(), "ann@example.com"),
        new RequestTranscript(Guid.NewGuid(), null),
        new EdgeHeartbeat("edge-1", "Amsterdam", "1.0.0", "https://chat.example.com/", DateTimeOffset.UnixEpoch),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_core_request_survives_the_wire(object request)
    {
        var wire = JsonSerializer.Serialize((CoreRequest)request, TransportJson.Options);
        var back = JsonSerializer.Deserialize<CoreRequest>(wire, TransportJson.Options);

        Assert.Equal(request.GetType(), back!.GetType());
        Assert.Equal(wire, JsonSerializer.Serialize(back, TransportJson.Options));
    }

    [Fact]
    public void Every_request_and_event_type_is_registered_for_the_wire()
    {
        static IEnumerable<Type> Concrete(Type root) =>
            root.Assembly.GetTypes().Where(t => t.IsSubclassOf(root) && !t.IsAbstract);
        static IEnumerable<Type> Registered(Type root) =>
            root.GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType);

        Assert.Equal(Concrete(typeof(CoreRequest)).OrderBy(t => t.Name), Registered(typeof(CoreRequest)).OrderBy(t => t.Name));
        Assert.Equal(Concrete(typeof(EdgeEvent)).OrderBy(t => t.Name), Registered(typeof(EdgeEvent)).OrderBy(t => t.Name));
        Assert.Contains(typeof(MessageAccepted), typeof(PostCustomerMessage).GetInterfaces().SelectMany(i => i.GetGenericArguments()));
    }

    [Fact]
    public void Edge_events_survive_the_wire()
    {
        var id = Guid.NewGuid();
        EdgeEvent[] events =
        [
            new MessageAppended(id, new MessageView(3, MessageSender.Agent, "Alice", "hi", DateTimeOffset.UnixEpoch, "c-1")),
            new AgentTyping(id, "Alice"),
            new StatusChanged(id, new ConversationStatus(ConversationState.Queued, null, 2)),
        ];

        foreach (var edgeEvent in events)
        {
            var back = JsonSerializer.Deserialize<EdgeEvent>(JsonSerializer.Serialize(edgeEvent, TransportJson.Options), TransportJson.Options);
            Assert.Equal(edgeEvent, back);
        }
    }
}
