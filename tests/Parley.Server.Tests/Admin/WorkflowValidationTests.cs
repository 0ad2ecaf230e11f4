using Parley.Server.Admin;
using Parley.Server.Queues;

namespace Parley.Server.Tests.Admin;

/// <summary>The checks of a queue's workflow: ranges, warn before close, lengths, the known placeholders only.</summary>
public sealed class WorkflowValidationTests
{
    private static Dictionary<string, string[]> Validate(WorkflowDefinition workflow) =>
        AdminValidation.ValidateQueue(new QueueDefinition { Name = "support", DisplayName = "Support", Workflow = workflow }, queues: null);

    [Fact]
    public void A_full_workflow_with_every_placeholder_is_valid()
    {
        var errors = Validate(new()
        {
            AgentJoined = "{agent.name} is here for {customer.name} in {queue.name}.",
            CustomerInactivity = new() { WarnAfterSeconds = 10, CloseAfterSeconds = 86_400 },
            AgentInactivity = new() { AlertAfterSeconds = 60 },
            Closing = "Thank you.",
            Survey = new() { Enabled = true, Question = "How did we do?" },
        });

        Assert.Empty(errors);
    }

    [Fact]
    public void Times_out_of_range_a_warning_not_before_the_close_and_unknown_placeholders_are_named()
    {
        var errors = Validate(new()
        {
            AgentJoined = "{agent.email} joined",
            CustomerInactivity = new() { WarnAfterSeconds = 300, CloseAfterSeconds = 300, Warning = " ", Closing = new string('x', 501) },
            AgentInactivity = new() { AlertAfterSeconds = 9 },
            Survey = new() { Question = new string('q', 201) },
        });

        Assert.Contains("{agent.email}", errors["workflow.agentJoined"][0], StringComparison.Ordinal);
        Assert.Contains("before the close", errors["workflow.customerInactivity.warnAfterSeconds"][0], StringComparison.Ordinal);
        Assert.True(errors.ContainsKey("workflow.customerInactivity.warning"));
        Assert.True(errors.ContainsKey("workflow.customerInactivity.closing"));
        Assert.Equal("Must be 10–86400.", errors["workflow.agentInactivity.alertAfterSeconds"][0]);
        Assert.True(errors.ContainsKey("workflow.survey.question"));
    }
}
