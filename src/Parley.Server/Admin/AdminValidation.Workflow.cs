using Parley.Server.Queues;

namespace Parley.Server.Admin;

// The checks of a queue's conversation workflow (docs/workflows.md, "Conversation workflow").
public static partial class AdminValidation
{
    private const int MinInactivitySeconds = 10;
    private const int MaxInactivitySeconds = 86_400;

    private static void CheckWorkflow(ErrorList errors, WorkflowDefinition? workflow)
    {
        if (workflow is null)
        {
            return; // Null in a request reads as the default workflow.
        }

        WorkflowLine(errors, "workflow.agentJoined", workflow.AgentJoined, 500, required: false);
        WorkflowLine(errors, "workflow.closing", workflow.Closing, 500, required: false);
        if (workflow.CustomerInactivity is { } customer)
        {
            Range(errors, "workflow.customerInactivity.warnAfterSeconds", customer.WarnAfterSeconds, MinInactivitySeconds, MaxInactivitySeconds);
            Range(errors, "workflow.customerInactivity.closeAfterSeconds", customer.CloseAfterSeconds, MinInactivitySeconds, MaxInactivitySeconds);
            if (customer.WarnAfterSeconds >= customer.CloseAfterSeconds)
            {
                errors.Add("workflow.customerInactivity.warnAfterSeconds", "The warning must come before the close (fewer seconds).");
            }

            WorkflowLine(errors, "workflow.customerInactivity.warning", customer.Warning, 500, required: true);
            WorkflowLine(errors, "workflow.customerInactivity.closing", customer.Closing, 500, required: true);
        }

        if (workflow.AgentInactivity is { } agent)
        {
            Range(errors, "workflow.agentInactivity.alertAfterSeconds", agent.AlertAfterSeconds, MinInactivitySeconds, MaxInactivitySeconds);
        }

        if (workflow.Survey is { } survey)
        {
            WorkflowLine(errors, "workflow.survey.question", survey.Question, 200, required: false);
            WorkflowLine(errors, "workflow.survey.commentLabel", survey.CommentLabel, 200, required: false);
        }
    }

    /// <summary>A text of the workflow: its length (trimmed), the one free-text rule, and only the known placeholders.</summary>
    private static void WorkflowLine(ErrorList errors, string path, string? text, int max, bool required)
    {
        var length = text?.Trim().Length ?? 0;
        if (length > max || (required && length == 0))
        {
            errors.Add(path, required ? $"Required, at most {max} characters." : $"At most {max} characters.");
        }

        CheckText(errors, path, text);
        var unknown = WorkflowText.UnknownPlaceholders(text).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(path, $"Unknown placeholder {string.Join(", ", unknown)}; use {string.Join(", ", WorkflowText.Placeholders)}.");
        }
    }
}
