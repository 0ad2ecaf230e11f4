using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

public sealed class ConfigurationTests
{
    private static readonly Dictionary<string, string?> ConfiguredDesk = new()
    {
        ["Parley:Demo:Enabled"] = "false",
        ["Parley:Queues:0:Name"] = "billing",
        ["Parley:Queues:0:DisplayName"] = "Billing",
        ["Parley:Queues:0:OfferTimeoutSeconds"] = "5",
        ["Parley:Queues:0:Questions:0:Id"] = "invoice",
        ["Parley:Queues:0:Questions:0:Label"] = "Invoice number",
        ["Parley:Agents:0:Username"] = "carol",
        ["Parley:Agents:0:DisplayName"] = "Carol Clark",
        ["Parley:Agents:0:Password"] = "carol-secret-1",
        ["Parley:Agents:0:Queues:0"] = "billing",
        ["Parley:Agents:1:Username"] = "dave",
        ["Parley:Agents:1:DisplayName"] = "Dave Dale",
        ["Parley:Agents:1:Password"] = "dave-secret-1",
        ["Parley:Agents:1:Queues:0"] = "billing",
    };

    [Fact]
    public async Task Queues_and_agents_defined_in_configuration_are_used_without_the_demo()
    {
        await using var server = new ParleyServer(settings: ConfiguredDesk);
        using var client = server.CreateClient();

        var queue = await client.GetFromJsonAsync<JsonElement>("api/v1/queues/billing");
        var login = await client.PostAsJsonAsync("api/v1/agent/login", new { username = "carol", password = "carol-secret-1" });
        var demo = await client.GetAsync("api/v1/queues/support");

        Assert.Equal("Invoice number", queue.GetProperty("questions")[0].GetProperty("label").GetString());
        login.EnsureSuccessStatusCode();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, demo.StatusCode);
    }

    [Fact]
    public async Task An_offer_nobody_answers_times_out_goes_to_the_next_agent_and_sets_the_silent_one_away()
    {
        await using var server = new ParleyServer(settings: ConfiguredDesk);
        await using var carol = await server.ConnectAgentAsync("carol", "carol-secret-1");
        await carol.GoAvailableAsync();
        await using var dave = await server.ConnectAgentAsync("dave", "dave-secret-1");
        await dave.GoAvailableAsync();
        var conversation = await server.StartConversationAsync("billing", answers: []);

        var offer = await carol.Offers.WaitForAsync(o => o.ConversationId == conversation.ConversationId, "the offer to Carol");
        var withdrawn = await carol.Withdrawn.WaitForAsync(w => w.OfferId == offer.OfferId, "the time-out");
        var away = await carol.State.WaitForAsync(s => s.Presence == Parley.Routing.AgentPresence.Away, "Carol set away");
        var assigned = await dave.AcceptAsync(conversation.ConversationId);

        Assert.Equal("timedOut", withdrawn.Reason);
        Assert.Equal(5, (offer.ExpiresAt - offer.OfferedAt).TotalSeconds);
        Assert.Equal((Parley.Routing.AgentPresence.Away, "Missed offer"), (away.Presence, away.Reason));
        Assert.Equal(conversation.ConversationId, assigned.ConversationId);
    }

    [Fact]
    public async Task Routing_settings_from_configuration_reach_the_queues_and_agents()
    {
        var settings = new Dictionary<string, string?>(ConfiguredDesk)
        {
            ["Parley:Queues:0:RequiredSkills:0:Skill"] = "billing",
            ["Parley:Queues:0:RequiredSkills:0:MinimumLevel"] = "3",
            ["Parley:Queues:0:Strategy"] = "bestSkillMatch",
            ["Parley:Queues:0:WrapUpSeconds"] = "10",
            ["Parley:Queues:0:AnswerRules:0:Question"] = "invoice",
            ["Parley:Queues:0:AnswerRules:0:Answer"] = "urgent",
            ["Parley:Queues:0:AnswerRules:0:Priority"] = "9",
            ["Parley:Queues:1:Name"] = "billing-overflow",
            ["Parley:Queues:1:DisplayName"] = "Billing overflow",
            ["Parley:Queues:0:OverflowQueue"] = "billing-overflow",
            ["Parley:Queues:0:OverflowAfterSeconds"] = "120",
            ["Parley:Agents:0:Skills:0:Skill"] = "billing",
            ["Parley:Agents:0:Skills:0:Level"] = "7",
            ["Parley:Agents:0:Queues:1"] = "billing-overflow",
            ["Parley:Agents:0:QueuePriorities:billing-overflow"] = "2",
            ["Parley:Agents:0:Roles:0"] = "admin",
            ["Parley:Agents:0:Capacity"] = "5",
        };
        await using var server = new ParleyServer(settings: settings);
        using var admin = server.CreateClient(await server.LoginAsync("carol", "carol-secret-1"));

        var queue = await admin.GetFromJsonAsync<Parley.Server.Queues.QueueDefinition>("api/v1/admin/queues/billing", TestJson.Options);
        var carol = await admin.GetFromJsonAsync<Parley.Server.Admin.AgentDefinition>("api/v1/admin/agents/carol", TestJson.Options);

        Assert.Equal(("billing", 3), (queue!.RequiredSkills[0].Skill, queue.RequiredSkills[0].MinimumLevel));
        Assert.Equal((Parley.Routing.RoutingStrategy.BestSkillMatch, 10, "billing-overflow", 120), (queue.Strategy, queue.WrapUpSeconds, queue.OverflowQueue, queue.OverflowAfterSeconds));
        Assert.Equal(9, queue.AnswerRules[0].Priority);
        Assert.Equal(["admin"], carol!.Roles);
        Assert.Equal(["billing", "billing-overflow"], carol.Queues);
        Assert.Equal(2, carol.QueuePriorities["billing-overflow"]);
        Assert.Equal((7, 5), (carol.Skills.Single(s => s.Skill == "billing").Level, carol.Capacity));
    }

    [Theory]
    [InlineData("Parley:Agents:0:Queues:1", "nowhere", "Parley:Agents:0:Queues:1: There is no queue named 'nowhere'")]
    [InlineData("Parley:Queues:0:OverflowQueue", "nowhere", "Parley:Queues:0:OverflowQueue: There is no queue named 'nowhere'")]
    public void References_to_missing_queues_stop_the_server_at_start_up(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>(ConfiguredDesk) { [key] = value, ["Parley:Queues:0:OverflowAfterSeconds"] = "60" };
        if (key.Contains("Agents", StringComparison.Ordinal))
        {
            settings.Remove("Parley:Queues:0:OverflowAfterSeconds");
        }

        var e = Assert.ThrowsAny<OptionsValidationException>(() => new ParleyServer(settings: settings));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Parley:Agents:0:Password", "short", "Parley:Agents:0:Password")]
    [InlineData("Parley:Agents:0:Roles:0", "wizard", "Parley:Agents:0:Roles:0: Unknown role 'wizard'")]
    [InlineData("Parley:Queues:0:Name", "Bad Name!", "Parley:Queues:0:Name")]
    [InlineData("Parley:Queues:0:RequiredSkills:0:Skill", "Billing!", "Parley:Queues:0:RequiredSkills:0:Skill")]
    [InlineData("Parley:Queues:0:Strategy", "random", "Parley:Queues:0:Strategy")]
    [InlineData("Parley:Queues:0:AnswerRules:0:Question", "nope", "Parley:Queues:0:AnswerRules:0:Question")]
    [InlineData("Parley:Agents:0:Skills:0:Level", "11", "Parley:Agents:0:Skills:0:Level")]
    [InlineData("Parley:Agents:1:Capacity", "0", "Parley:Agents:1:Capacity")]
    [InlineData("Parley:Integrations:ApiKeys:0:Key", "too-short", "Parley:Integrations:ApiKeys:0:Key")]
    [InlineData("Parley:Database:Provider", "Oracle", "Parley:Database:Provider")]
    [InlineData("Parley:InstallationKey", "dG9vLXNob3J0", "Parley:InstallationKey")]
    public void Invalid_settings_stop_the_server_at_start_up_naming_the_setting(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>(ConfiguredDesk) { [key] = value };

        var e = Assert.ThrowsAny<OptionsValidationException>(() => new ParleyServer(settings: settings));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
