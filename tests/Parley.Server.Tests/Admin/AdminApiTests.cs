using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Routing;
using Parley.Server.Admin;
using Parley.Server.Queues;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admin;

/// <summary>The admin REST API on one shared demo server; every test uses names of its own.</summary>
public sealed class AdminApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task A_queue_with_every_setting_is_created_read_listed_replaced_and_deleted()
    {
        using var admin = await AdminClientAsync();
        var queue = new
        {
            displayName = "Billing",
            welcome = "Welcome to billing.",
            offerTimeoutSeconds = 20,
            questions = new object[]
            {
                new { id = "language", label = "Language", type = "choice", options = new[] { "English", "Nederlands" }, required = false },
                new { id = "invoice", label = "Invoice number", type = "text", options = Array.Empty<string>(), required = true },
            },
            requiredSkills = new[] { new { skill = "billing", minimumLevel = 3 } },
            priority = 2,
            answerRules = new object[] { new { question = "language", answer = "nederlands", skill = "lang:nl", minimumLevel = 4 } },
            maxQueueLength = 40,
            maxWaitSeconds = 1800,
            overflowQueue = "support",
            overflowAfterSeconds = 300,
            relaxation = new[] { new { afterSeconds = 90, skill = "lang:nl", minimumLevel = (int?)null }, new { afterSeconds = 60, skill = "billing", minimumLevel = (int?)1 } },
            wrapUpSeconds = 15,
            strategy = "bestSkillMatch",
            priorityAgingSeconds = 120,
            manualPick = true,
            affinitySeconds = 45,
        };

        var created = await admin.PutAsJsonAsync("api/v1/admin/queues/billing-crud", queue);
        var read = await admin.GetFromJsonAsync<QueueDefinition>("api/v1/admin/queues/billing-crud", TestJson.Options);
        var listed = await admin.GetFromJsonAsync<List<QueueDefinition>>("api/v1/admin/queues", TestJson.Options);
        var publicView = await _server.CreateClient().GetFromJsonAsync<JsonElement>("api/v1/queues/billing-crud");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/admin/queues/billing-crud", created.Headers.Location!.OriginalString);
        Assert.Equal("billing-crud", read!.Name);
        Assert.Equal(("Billing", "Welcome to billing.", 20, 2), (read.DisplayName, read.Welcome, read.OfferTimeoutSeconds, read.Priority));
        Assert.Equal(["English", "Nederlands"], read.Questions[0].Options);
        Assert.Equal(("billing", 3), (read.RequiredSkills[0].Skill, read.RequiredSkills[0].MinimumLevel));
        Assert.Equal(("language", "nederlands", "lang:nl", 4), (read.AnswerRules[0].Question, read.AnswerRules[0].Answer, read.AnswerRules[0].Skill, read.AnswerRules[0].MinimumLevel));
        Assert.Equal((40, 1800, "support", 300), (read.MaxQueueLength, read.MaxWaitSeconds, read.OverflowQueue, read.OverflowAfterSeconds));
        Assert.Equal([(90, "lang:nl", null), (60, "billing", 1)], read.Relaxation.Select(s => (s.AfterSeconds, s.Skill, s.MinimumLevel)));
        Assert.Equal((15, RoutingStrategy.BestSkillMatch, 120, true, 45), (read.WrapUpSeconds, read.Strategy, read.PriorityAgingSeconds, read.ManualPick, read.AffinitySeconds));
        Assert.Contains(listed!, q => q.Name == "billing-crud");
        Assert.Equal("Invoice number", publicView.GetProperty("questions")[1].GetProperty("label").GetString());

        // PUT replaces everything: what the body leaves out goes back to its default.
        var replaced = await admin.PutAsJsonAsync("api/v1/admin/queues/billing-crud", new { name = "billing-crud", displayName = "Billing and invoices" });
        var after = await replaced.Content.ReadFromJsonAsync<QueueDefinition>(TestJson.Options);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(("Billing and invoices", 30, RoutingStrategy.LongestIdle, 0), (after!.DisplayName, after.OfferTimeoutSeconds, after.Strategy, after.RequiredSkills.Count));
        Assert.Null(after.OverflowQueue);

        var deleted = await admin.DeleteAsync("api/v1/admin/queues/billing-crud");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await CustomerApiTests.AssertProblemAsync(await admin.GetAsync("api/v1/admin/queues/billing-crud"), HttpStatusCode.NotFound, "billing-crud");
        Assert.Equal(HttpStatusCode.NotFound, (await _server.CreateClient().GetAsync("api/v1/queues/billing-crud")).StatusCode);
        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync("api/v1/admin/queues/billing-crud"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_agent_is_created_read_changed_without_a_new_password_and_deleted_and_the_password_is_never_returned()
    {
        using var admin = await AdminClientAsync();
        var agent = new
        {
            displayName = "Erin Evans",
            password = "erin-password-1",
            roles = new[] { "agent", "supervisor" },
            queues = new[] { "support", "sales" },
            queuePriorities = new Dictionary<string, int> { ["sales"] = 2 },
            skills = new[] { new { skill = "lang:nl", level = 7 }, new { skill = "product", level = 3 } },
            capacity = 4,
        };

        var created = await admin.PutAsJsonAsync("api/v1/admin/agents/erin-crud", agent);
        var text = await created.Content.ReadAsStringAsync();
        var read = await admin.GetFromJsonAsync<AgentDefinition>("api/v1/admin/agents/erin-crud", TestJson.Options);
        var list = await admin.GetStringAsync("api/v1/admin/agents");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("password", list, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("Erin Evans", 4), (read!.DisplayName, read.Capacity));
        Assert.Equal(["agent", "supervisor"], read.Roles);
        Assert.Equal(["support", "sales"], read.Queues);
        Assert.Equal(2, read.QueuePriorities["sales"]);
        Assert.Equal([("lang:nl", 7), ("product", 3)], read.Skills.Select(s => (s.Skill, s.Level)));
        Assert.NotNull(await _server.LoginAsync("erin-crud", "erin-password-1"));

        // A change without a password keeps the old one.
        var changed = await admin.PutAsJsonAsync("api/v1/admin/agents/erin-crud", new { displayName = "Erin E.", queues = new[] { "support" } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.Content.ReadFromJsonAsync<AgentDefinition>(TestJson.Options);
        Assert.Equal(("Erin E.", 3), (after!.DisplayName, after.Capacity));
        Assert.Equal(["agent"], after.Roles);
        Assert.NotNull(await _server.LoginAsync("erin-crud", "erin-password-1"));

        // A new password replaces the old one.
        await admin.PutAsJsonAsync("api/v1/admin/agents/erin-crud", new { displayName = "Erin E.", password = "erin-password-2" });
        using var anonymous = _server.CreateClient();
        var oldLogin = await anonymous.PostAsJsonAsync("api/v1/agent/login", new { username = "erin-crud", password = "erin-password-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, oldLogin.StatusCode);
        Assert.NotNull(await _server.LoginAsync("erin-crud", "erin-password-2"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/agents/erin-crud")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/v1/admin/agents/erin-crud")).StatusCode);
        var deletedLogin = await anonymous.PostAsJsonAsync("api/v1/agent/login", new { username = "erin-crud", password = "erin-password-2" });
        Assert.Equal(HttpStatusCode.Unauthorized, deletedLogin.StatusCode);
    }

    [Fact]
    public async Task An_invalid_queue_is_400_with_every_field_named()
    {
        using var admin = await AdminClientAsync();
        var response = await admin.PutAsJsonAsync("api/v1/admin/queues/invalid-queue", new
        {
            displayName = "",
            offerTimeoutSeconds = 2,
            questions = new object[] { new { id = "topic", label = "Topic", type = "choice", options = new[] { "A", "B" } } },
            requiredSkills = new[] { new { skill = "Billing!", minimumLevel = 11 } },
            answerRules = new object[]
            {
                new { question = "nope", answer = "x", priority = 1 },
                new { question = "topic", answer = "C", skill = "billing" },
                new { question = "topic", answer = "A" },
            },
            maxQueueLength = 0,
            overflowQueue = "invalid-queue",
            overflowAfterSeconds = 60,
            relaxation = new[] { new { afterSeconds = 30, skill = "cooking" } },
            wrapUpSeconds = 4000,
            strategy = "random",
            affinitySeconds = -1,
        });

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "displayName", "offerTimeoutSeconds", "requiredSkills[0].skill", "requiredSkills[0].minimumLevel",
                "answerRules[0].question", "answerRules[1].answer", "answerRules[2]", "maxQueueLength", "overflowQueue",
                "relaxation[0].skill", "wrapUpSeconds", "strategy", "affinitySeconds",
            },
            errors);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/v1/admin/queues/invalid-queue")).StatusCode);
    }

    [Theory]
    [InlineData("Bad Name", "name")]
    [InlineData("-starts-with-dash", "name")]
    public async Task A_queue_name_outside_the_pattern_is_400(string name, string field)
    {
        using var admin = await AdminClientAsync();
        var response = await admin.PutAsJsonAsync($"api/v1/admin/queues/{Uri.EscapeDataString(name)}", new { displayName = "X" });

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_invalid_agent_is_400_with_every_field_named()
    {
        using var admin = await AdminClientAsync();
        var response = await admin.PutAsJsonAsync("api/v1/admin/agents/invalid-agent", new
        {
            displayName = new string('x', 101),
            password = "too-short",
            roles = new[] { "agent", "wizard" },
            queues = new[] { "support", "no-such-queue" },
            queuePriorities = new Dictionary<string, int> { ["support"] = 10, ["sales"] = 2 },
            skills = new[] { new { skill = "lang:nl", level = 0 }, new { skill = "lang:nl", level = 5 } },
            capacity = 51,
        });

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(
            new HashSet<string>
            {
                "displayName", "password", "roles[1]", "queues[1]", "queuePriorities[support]", "queuePriorities[sales]",
                "skills[0].level", "skills[1].skill", "capacity",
            },
            errors);
    }

    [Fact]
    public async Task A_new_agent_needs_a_password_and_a_body_naming_another_agent_is_refused()
    {
        using var admin = await AdminClientAsync();
        var noPassword = await admin.PutAsJsonAsync("api/v1/admin/agents/nopass", new { displayName = "No Pass" });
        var renamed = await admin.PutAsJsonAsync("api/v1/admin/agents/bob", new { username = "robert", displayName = "Bob" });

        var problem = await CustomerApiTests.AssertProblemAsync(noPassword, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        var rename = await CustomerApiTests.AssertProblemAsync(renamed, HttpStatusCode.BadRequest);
        Assert.True(rename.GetProperty("errors").TryGetProperty("username", out _));
    }

    [Fact]
    public async Task Reads_need_a_supervisor_and_writes_an_admin()
    {
        using var anonymous = _server.CreateClient();
        using var agent = _server.CreateClient(await _server.LoginAsync("bob"));
        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));
        var body = new { displayName = "Forbidden" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/admin/queues")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("api/v1/admin/queues/forbidden", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/v1/admin/agents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/v1/admin/agents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/v1/admin/queues/support")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync("api/v1/admin/queues/forbidden", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync("api/v1/admin/agents/bob")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("api/v1/admin/queues/forbidden")).StatusCode);
    }

    [Fact]
    public async Task A_queue_that_agents_or_another_overflow_still_use_cannot_be_deleted()
    {
        using var admin = await AdminClientAsync();
        await PutAsync(admin, "api/v1/admin/queues/referenced", new { displayName = "Referenced" });
        await PutAsync(admin, "api/v1/admin/queues/overflowing", new { displayName = "Overflowing", overflowQueue = "referenced", overflowAfterSeconds = 60 });
        await PutAsync(admin, "api/v1/admin/agents/member-of-referenced", new { displayName = "Member", password = "member-password-1", queues = new[] { "referenced" } });

        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync("api/v1/admin/queues/referenced"), HttpStatusCode.Conflict, "member-of-referenced");
        await PutAsync(admin, "api/v1/admin/agents/member-of-referenced", new { displayName = "Member" });
        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync("api/v1/admin/queues/referenced"), HttpStatusCode.Conflict, "overflowing");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/queues/overflowing")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/queues/referenced")).StatusCode);
    }

    [Fact]
    public async Task Overflows_in_a_circle_are_refused()
    {
        using var admin = await AdminClientAsync();
        await PutAsync(admin, "api/v1/admin/queues/circle-a", new { displayName = "A" });
        await PutAsync(admin, "api/v1/admin/queues/circle-b", new { displayName = "B", overflowQueue = "circle-a", overflowAfterSeconds = 60 });

        var response = await admin.PutAsJsonAsync("api/v1/admin/queues/circle-a", new { displayName = "A", overflowQueue = "circle-b", overflowAfterSeconds = 60 });

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("circle", problem.GetProperty("errors").GetProperty("overflowQueue")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_admin_can_neither_be_deleted_nor_lose_the_admin_role()
    {
        using var admin = await AdminClientAsync();

        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync("api/v1/admin/agents/admin"), HttpStatusCode.Conflict, "last admin");
        var demoted = await admin.PutAsJsonAsync("api/v1/admin/agents/admin", new { displayName = "Ada Admin", roles = new[] { "supervisor" } });

        var problem = await CustomerApiTests.AssertProblemAsync(demoted, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("roles", out _));
    }

    [Fact]
    public async Task A_demoted_or_deleted_admin_loses_access_at_once_even_with_a_token_from_before()
    {
        using var admin = await AdminClientAsync();
        await PutAsync(admin, "api/v1/admin/agents/second-admin", new { displayName = "Second Admin", password = "second-admin-pw", roles = new[] { "admin" } });
        await PutAsync(admin, "api/v1/admin/agents/third-admin", new { displayName = "Third Admin", password = "third-admin-pw", roles = new[] { "admin" } });
        using var second = _server.CreateClient(await _server.LoginAsync("second-admin", "second-admin-pw"));
        using var third = _server.CreateClient(await _server.LoginAsync("third-admin", "third-admin-pw"));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("api/v1/admin/agents")).StatusCode);

        // Demoted: every sign-in of the account ends, so the token neither writes nor reads any more.
        await PutAsync(admin, "api/v1/admin/agents/second-admin", new { displayName = "Second Admin", roles = new[] { "supervisor" } });
        var write = await second.PutAsJsonAsync("api/v1/admin/queues/demoted", new { displayName = "Demoted" });
        var read = await second.GetAsync("api/v1/admin/agents");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/agents/third-admin")).StatusCode);
        var afterDelete = await third.GetAsync("api/v1/admin/agents");

        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/v1/admin/queues/demoted")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_and_external_state_endpoints()
    {
        using var client = _server.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/admin/queues/{name}").TryGetProperty("put", out var put));
        Assert.True(put.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(paths.GetProperty("/api/v1/admin/agents/{username}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/v1/agents/{username}/external-state").TryGetProperty("put", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("QueueDefinition", out _));
    }

    private async Task<HttpClient> AdminClientAsync() => _server.CreateClient(await _server.LoginAsync("admin"));

    private static async Task PutAsync(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
