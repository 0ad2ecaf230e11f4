using Microsoft.AspNetCore.Identity;
using Parley.Routing;
using Parley.Server.Admin;
using Parley.Server.Demo;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Admin;

public sealed class AdminValidationTests
{
    [Fact]
    public void The_demo_queues_and_agents_follow_the_admin_rules()
    {
        var queues = DemoData.Queues();
        var targets = queues.ToDictionary(q => q.Name, q => q.OverflowQueue);
        var agents = DemoData.Agents("demo-password-123", new PasswordHasher<AgentRecord>());

        foreach (var queue in queues)
        {
            Assert.Empty(AdminValidation.ValidateQueue(QueueMapping.ToDefinition(queue), targets));
        }

        foreach (var agent in agents)
        {
            var input = ToInput(AgentMapping.ToDefinition(agent));
            Assert.Empty(AdminValidation.ValidateAgent(input, creating: false, targets.ContainsKey));
        }
    }

    [Fact]
    public void A_definition_survives_the_trip_through_a_record()
    {
        var queue = QueueMapping.ToDefinition(DemoData.Queues()[0]);
        var record = new QueueRecord { Name = queue.Name, DisplayName = "" };

        QueueMapping.Apply(queue, record);

        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(queue),
            System.Text.Json.JsonSerializer.Serialize(QueueMapping.ToDefinition(record)));
    }

    [Theory]
    [InlineData("displayName", "Parley:Queues:0:DisplayName")]
    [InlineData("requiredSkills[0].minimumLevel", "Parley:Queues:0:RequiredSkills:0:MinimumLevel")]
    [InlineData("questions[1].options[2]", "Parley:Queues:0:Questions:1:Options:2")]
    [InlineData("queuePriorities[sales]", "Parley:Queues:0:QueuePriorities:sales")]
    [InlineData("answerRules[3]", "Parley:Queues:0:AnswerRules:3")]
    public void Error_keys_become_configuration_paths(string key, string path) =>
        Assert.Equal(path, AdminValidation.ToConfigurationPath("Parley:Queues:0", key));

    [Theory]
    [InlineData("bestSkillMatch", RoutingStrategy.BestSkillMatch)]
    [InlineData("LeastOccupied", RoutingStrategy.LeastOccupied)]
    [InlineData("", RoutingStrategy.LongestIdle)]
    [InlineData("1", null)]
    [InlineData("LongestIdle,LeastOccupied", null)]
    [InlineData("random", null)]
    public void Strategies_are_read_by_name_ignoring_case(string text, RoutingStrategy? strategy) =>
        Assert.Equal(strategy, QueueStrategies.Parse(text));

    [Theory]
    [InlineData("support", true)]
    [InlineData("a", true)]
    [InlineData("support\n", false)]
    [InlineData("Support", false)]
    [InlineData("-support", false)]
    [InlineData("sup_port", false)]
    public void Queue_names_are_lower_case_letters_digits_and_dashes(string name, bool valid) =>
        Assert.Equal(valid, AdminValidation.IsQueueName(name));

    private static AgentInput ToInput(AgentDefinition a) => new()
    {
        Username = a.Username,
        DisplayName = a.DisplayName,
        Roles = a.Roles,
        Queues = a.Queues,
        QueuePriorities = a.QueuePriorities,
        Skills = a.Skills,
        Capacity = a.Capacity,
    };
}
