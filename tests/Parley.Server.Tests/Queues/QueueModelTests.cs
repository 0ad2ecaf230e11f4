using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Parley.Routing;
using Parley.Server.Admin;
using Parley.Server.Queues;
using Parley.Server.Startup;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Queues;

/// <summary>One queue model: configuration, the admin API's JSON, storage and the engine read the strategy alike.</summary>
public sealed class QueueModelTests
{
    [Theory]
    [InlineData("longestIdle", RoutingStrategy.LongestIdle)]
    [InlineData("leastOccupied", RoutingStrategy.LeastOccupied)]
    [InlineData("bestSkillMatch", RoutingStrategy.BestSkillMatch)]
    public void Configuration_the_admin_api_storage_and_the_engine_agree_on_the_strategy(string name, RoutingStrategy strategy)
    {
        var configured = Configured(name);
        var record = new QueueRecord { Name = configured.Name, DisplayName = "" };

        QueueMapping.Apply(configured, record);
        var json = JsonSerializer.SerializeToElement(QueueMapping.ToDefinition(record), JsonSerializerOptions.Web);

        Assert.Equal(strategy, configured.Strategy);
        Assert.Equal(strategy, record.Strategy);
        Assert.Equal(name, json.GetProperty("strategy").GetString());
        Assert.Equal(strategy, json.Deserialize<QueueDefinition>(JsonSerializerOptions.Web)!.Strategy);
        Assert.Equal(strategy, QueueMapping.ToSettings(record).Strategy);
    }

    /// <summary>The names docs/api.md documents, one for each of the engine's strategies (each is checked above).</summary>
    [Fact]
    public void Every_strategy_has_the_documented_name() =>
        Assert.Equal(["longestIdle", "leastOccupied", "bestSkillMatch"], QueueStrategies.Names);

    [Theory]
    [InlineData("BESTSKILLMATCH", RoutingStrategy.BestSkillMatch)]
    [InlineData(" leastOccupied ", RoutingStrategy.LeastOccupied)]
    [InlineData("", RoutingStrategy.LongestIdle)]
    [InlineData("1", QueueStrategies.Unknown)]
    [InlineData("random", QueueStrategies.Unknown)]
    public void Configuration_and_json_read_a_strategy_alike(string text, RoutingStrategy strategy)
    {
        var fromJson = JsonSerializer.Deserialize<QueueDefinition>(
            JsonSerializer.Serialize(new { name = "support", strategy = text }), JsonSerializerOptions.Web)!;

        Assert.Equal(strategy, Configured(text).Strategy);
        Assert.Equal(strategy, fromJson.Strategy);
    }

    [Fact]
    public void An_unknown_strategy_is_named_by_validation_with_the_documented_names()
    {
        var queue = new QueueDefinition { Name = "support", DisplayName = "Support", Strategy = QueueStrategies.Unknown };

        var errors = AdminValidation.ValidateQueue(queue, queues: null);

        Assert.Equal(["Use one of: longestIdle, leastOccupied, bestSkillMatch."], errors["strategy"]);
    }

    /// <summary>The queue as the configuration binder reads <c>Parley:Queues:0</c>.</summary>
    private static QueueDefinition Configured(string strategy) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Parley:Queues:0:Name"] = "support",
                ["Parley:Queues:0:DisplayName"] = "Support",
                ["Parley:Queues:0:Strategy"] = strategy,
            })
            .Build()
            .GetSection(QueuesAndAgentsOptions.Section)
            .Get<QueuesAndAgentsOptions>()!
            .Queues.Single();
}
