namespace Parley.Server.Queues;

// The queue's conversation workflow (docs/workflows.md, "Conversation workflow"): what a chat of the queue says and
// does after the greeting (the queue's welcome). Part of QueueDefinition, so configuration, the admin API and the
// admin page edit it with the queue; each change is kept as a new version (QueueWorkflows) and a conversation keeps
// the version it started with. Texts may hold {agent.name}, {customer.name} and {queue.name} (WorkflowText).

/// <summary>A queue's conversation workflow; every part null (or off) keeps the behaviour of a queue without one.</summary>
public sealed class WorkflowDefinition
{
    /// <summary>Read-only: the version the server gave this workflow (0: never saved); ignored on input.</summary>
    public int Version { get; set; }

    /// <summary>The line the customer reads when an agent joins, at most 500 characters; null: "{agent.name} joined the chat."</summary>
    public string? AgentJoined { get; set; }

    /// <summary>Warn, then close, a chat whose customer stopped answering; null: off.</summary>
    public CustomerInactivityDefinition? CustomerInactivity { get; set; }

    /// <summary>Alert the agent (and supervisors) when a customer waits for a reply; null: off.</summary>
    public AgentInactivityDefinition? AgentInactivity { get; set; }

    /// <summary>The last line of every chat of the queue, however it ends, at most 500 characters; null: none.</summary>
    public string? Closing { get; set; }

    /// <summary>The satisfaction survey the widget shows at the end.</summary>
    public SurveyDefinition Survey { get; set; } = new();

    /// <summary>Whether the transcript goes to the customer by e-mail by itself.</summary>
    public TranscriptDefinition Transcript { get; set; } = new();
}

/// <summary>
/// Once an agent has joined: when the customer has not written for <see cref="WarnAfterSeconds"/> since the agent's
/// last message (or the join), post <see cref="Warning"/>; after <see cref="CloseAfterSeconds"/>, end the chat with
/// <see cref="Closing"/> (ended by <c>inactivity</c>).
/// </summary>
public sealed class CustomerInactivityDefinition
{
    /// <summary>10–86,400 seconds, less than <see cref="CloseAfterSeconds"/>.</summary>
    public int WarnAfterSeconds { get; set; } = 120;

    /// <summary>1–500 characters.</summary>
    public string Warning { get; set; } = "Are you still there? This chat closes soon if we do not hear from you.";

    /// <summary>10–86,400 seconds.</summary>
    public int CloseAfterSeconds { get; set; } = 300;

    /// <summary>1–500 characters: the line that ends the chat.</summary>
    public string Closing { get; set; } = "We closed this chat because we did not hear from you. You are welcome to start a new one.";
}

/// <summary>When the customer's last message has waited <see cref="AlertAfterSeconds"/> for a reply, alert the agent and the supervisors' board.</summary>
public sealed class AgentInactivityDefinition
{
    /// <summary>10–86,400 seconds.</summary>
    public int AlertAfterSeconds { get; set; } = 60;
}

/// <summary>The satisfaction survey's settings (the rating itself is the survey feature's).</summary>
public sealed class SurveyDefinition
{
    public bool Enabled { get; set; }

    /// <summary>At most 200 characters; null: the widget's own (translated) question.</summary>
    public string? Question { get; set; }

    /// <summary>At most 200 characters; null: the widget's own (translated) label.</summary>
    public string? CommentLabel { get; set; }
}

/// <summary>The transcript's settings (the mail itself is the transcript feature's).</summary>
public sealed class TranscriptDefinition
{
    /// <summary>Send the transcript to the customer's e-mail address (if given) when the chat ends.</summary>
    public bool Automatic { get; set; }
}
