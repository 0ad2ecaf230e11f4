using System.Net;
using System.Net.Http.Json;
using Parley.Server.Queues;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admin;

/// <summary>A queue's workflow through its REST resource: read back, versioned on each change (welcome included), numbers kept across a delete.</summary>
public sealed class AdminWorkflowApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task Each_change_of_the_workflow_or_welcome_is_a_new_version_and_a_queue_created_again_continues_the_numbers()
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));
        var workflow = new
        {
            version = 99,
            agentJoined = " {agent.name} is here. ",
            customerInactivity = new { warnAfterSeconds = 60, warning = "Still there?", closeAfterSeconds = 120, closing = "Closed." },
            survey = new { enabled = true, question = "How did we do?" },
            transcript = new { automatic = true },
        };

        var first = await PutAsync(admin, new { displayName = "Workflow versions", welcome = "Hello.", workflow });
        var same = await PutAsync(admin, new { displayName = "Workflow versions, renamed", welcome = "Hello.", workflow });
        var welcome = await PutAsync(admin, new { displayName = "Workflow versions", welcome = "Hello again.", workflow });
        var read = await admin.GetFromJsonAsync<QueueDefinition>("api/v1/admin/queues/wf-versions", TestJson.Options);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/queues/wf-versions")).StatusCode);
        var recreated = await PutAsync(admin, new { displayName = "Workflow versions", welcome = "Hello again.", workflow });
        var changed = await PutAsync(admin, new { displayName = "Workflow versions", welcome = "Hello again.", workflow = new { closing = "Bye." } });

        Assert.Equal([1, 1, 2, 2, 3], new[] { first, same, welcome, recreated, changed }.Select(q => q.Workflow.Version));
        Assert.Equal(("{agent.name} is here.", 60, 120, "Closed."), (read!.Workflow.AgentJoined, read.Workflow.CustomerInactivity!.WarnAfterSeconds,
            read.Workflow.CustomerInactivity.CloseAfterSeconds, read.Workflow.CustomerInactivity.Closing));
        Assert.Equal((true, "How did we do?", true, null), (read.Workflow.Survey.Enabled, read.Workflow.Survey.Question, read.Workflow.Transcript.Automatic, read.Workflow.AgentInactivity));
        Assert.Equal(("Bye.", null, false), (changed.Workflow.Closing, changed.Workflow.CustomerInactivity, changed.Workflow.Survey.Enabled));
    }

    [Fact]
    public async Task An_invalid_workflow_is_400_naming_each_field()
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));
        var response = await admin.PutAsJsonAsync("api/v1/admin/queues/wf-invalid", new
        {
            displayName = "Invalid workflow",
            workflow = new { closing = "Bye {agent.phone}", customerInactivity = new { warnAfterSeconds = 5, warning = "?", closeAfterSeconds = 4, closing = "x" } },
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("workflow.closing", body, StringComparison.Ordinal);
        Assert.Contains("workflow.customerInactivity.warnAfterSeconds", body, StringComparison.Ordinal);
        Assert.Contains("workflow.customerInactivity.closeAfterSeconds", body, StringComparison.Ordinal);
        Assert.Null(_server.Services.GetRequiredService<Parley.Server.Admin.AdminService>().GetQueue("wf-invalid"));
    }

    private static async Task<QueueDefinition> PutAsync(HttpClient admin, object queue)
    {
        var response = await admin.PutAsJsonAsync("api/v1/admin/queues/wf-versions", queue);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<QueueDefinition>(TestJson.Options))!;
    }
}
