using System.ComponentModel;
using System.Text.Json.Serialization;
using Parley.Routing;
using Parley.Server.Contracts;

namespace Parley.Server.Queues;

// The one shape of a queue as configured and edited: the admin API reads and writes it, the Blazor admin pages edit
// it and configuration binds it (Parley:Queues). Its parts stay in this file: they are the queue's, nothing else's.
// Mutable classes on purpose: forms and the configuration binder set properties. Lists are never null after
// validation; a null list in a request counts as empty. QueueMapping stores it and turns it into the engine's settings.

/// <summary>A queue and all its settings (see docs/api.md, "Admin API").</summary>
public sealed class QueueDefinition
{
    // The configuration binder converts through TypeDescriptor; the engine's enum carries no converter of its own.
    static QueueDefinition()
    {
        TypeDescriptor.AddAttributes(typeof(RoutingStrategy), new TypeConverterAttribute(typeof(QueueStrategyTypeConverter)));
        TypeDescriptor.AddAttributes(typeof(AvailabilityPolicy), new TypeConverterAttribute(typeof(AvailabilityPolicyTypeConverter)));
    }

    /// <summary>Stable name used in URLs and by the widget: <c>^[a-z0-9][a-z0-9-]{0,63}$</c>. In a PUT body it may be left out (the URL names the queue).</summary>
    public string Name { get; set; } = "";

    /// <summary>Shown to customers and agents, 1–100 characters.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The first system message of every chat, at most 500 characters.</summary>
    public string? Welcome { get; set; }

    /// <summary>How long an agent has to accept an offer, 5–600 seconds.</summary>
    public int OfferTimeoutSeconds { get; set; } = 30;

    /// <summary>Pre-chat questions, at most 20.</summary>
    public List<QuestionDefinition> Questions { get; set; } = [];

    /// <summary>Skills every chat of this queue needs (at most 20, one entry per skill).</summary>
    public List<SkillRequirementDefinition> RequiredSkills { get; set; } = [];

    /// <summary>The priority of this queue's chats unless an answer rule picks another, 0–100; higher goes first.</summary>
    public int Priority { get; set; }

    /// <summary>Pre-chat answers that add a skill requirement and/or set the priority (at most 50).</summary>
    public List<AnswerRuleDefinition> AnswerRules { get; set; } = [];

    /// <summary>New chats are refused while this many wait (1–10,000); null: no limit.</summary>
    public int? MaxQueueLength { get; set; }

    /// <summary>A chat that waited this long leaves the queue (10–86,400 seconds); null: no limit.</summary>
    public int? MaxWaitSeconds { get; set; }

    /// <summary>The queue a chat moves to after <see cref="OverflowAfterSeconds"/>; set both or neither.</summary>
    public string? OverflowQueue { get; set; }

    /// <summary>5–86,400 seconds.</summary>
    public int? OverflowAfterSeconds { get; set; }

    /// <summary>Requirements lowered or dropped the longer a chat waits (at most 10 steps).</summary>
    public List<RelaxationStepDefinition> Relaxation { get; set; } = [];

    /// <summary>After a chat of this queue closes, its agent gets no offers for this long, 0–3,600 seconds.</summary>
    public int WrapUpSeconds { get; set; }

    /// <summary>
    /// <c>longestIdle</c> (default), <c>leastOccupied</c> or <c>bestSkillMatch</c> in JSON and configuration, read
    /// ignoring case; an unknown name reads as <see cref="QueueStrategies.Unknown"/>, which validation names.
    /// </summary>
    [JsonConverter(typeof(QueueStrategyJsonConverter))]
    public RoutingStrategy Strategy { get; set; } = RoutingStrategy.LongestIdle;

    /// <summary>Every full interval a chat waits adds 1 to its priority (5–86,400 seconds); null: no aging.</summary>
    public int? PriorityAgingSeconds { get; set; }

    /// <summary>Agents of this queue may see its waiting chats and pick one.</summary>
    public bool ManualPick { get; set; }

    /// <summary>How long a returning customer's chat waits for their previous agent, 0–3,600 seconds; 0: off.</summary>
    public int AffinitySeconds { get; set; }

    /// <summary>
    /// Ended conversations of this queue are removed this many days after their end, 1–3,650 (messages, notes, files,
    /// mails; the reporting figures stay); null: kept until erased.
    /// </summary>
    public int? RetentionDays { get; set; }

    /// <summary>The business calendar (its name) that says when the queue is open; null: always open.</summary>
    public string? Calendar { get; set; }

    /// <summary>What customers get while the calendar is closed: <c>queue</c> (default), <c>message</c> or <c>hide</c>.</summary>
    public AvailabilityPolicy ClosedPolicy { get; set; }

    /// <summary>What customers get while open but no agent who could serve the queue is signed in: <c>queue</c> (default), <c>message</c> or <c>hide</c>.</summary>
    public AvailabilityPolicy NoAgentsPolicy { get; set; }

    /// <summary>Reporting: a chat answered within this many seconds counts as answered within the service level, 1–3,600.</summary>
    public int ServiceLevelSeconds { get; set; } = 20;

    /// <summary>Reporting: the share of chats to answer within <see cref="ServiceLevelSeconds"/>, 0–1.</summary>
    public double ServiceLevelTarget { get; set; } = 0.8;

    /// <summary>Reporting: a customer who leaves the queue within this many seconds is a short abandon (not in the service level), 0–600.</summary>
    public int ShortAbandonSeconds { get; set; } = 5;

    /// <summary>Attachments: the largest file this queue's chats take (bytes), within <c>Parley:Files:MaxBytes</c>; null: that limit.</summary>
    public int? AttachmentMaxBytes { get; set; }

    /// <summary>Attachments: the types this queue's chats take (of those the file engine knows); null or empty: <c>Parley:Files:AllowedTypes</c>.</summary>
    public List<string>? AttachmentTypes { get; set; }

    /// <summary>The conversation workflow after the greeting (<see cref="Welcome"/>): joined text, inactivity, closing, survey, transcript.</summary>
    public WorkflowDefinition Workflow { get; set; } = new();

    /// <summary>The codes an agent chooses from at close or during wrap-up (at most 50, codes unique).</summary>
    public List<WrapUpCodeDefinition> WrapUpCodes { get; set; } = [];

    /// <summary>Closing a chat of this queue needs a wrap-up code (only with at least one code).</summary>
    public bool WrapUpCodeRequired { get; set; }
}

/// <summary>A wrap-up code: what the chat was about or how it ended, for reports.</summary>
public sealed class WrapUpCodeDefinition
{
    /// <summary><c>^[a-z0-9][a-z0-9_-]{0,31}$</c>, unique in the queue; what reports show.</summary>
    public string Code { get; set; } = "";

    /// <summary>What the agent sees, 1–100 characters.</summary>
    public string Label { get; set; } = "";
}

/// <summary>A question the customer answers before the chat starts.</summary>
public sealed class QuestionDefinition
{
    /// <summary><c>^[a-zA-Z0-9_-]{1,64}$</c>, unique in the queue; the key of the answer.</summary>
    public string Id { get; set; } = "";

    /// <summary>1–200 characters.</summary>
    public string Label { get; set; } = "";

    /// <summary><c>text</c> or <c>choice</c>.</summary>
    public string Type { get; set; } = "text";

    /// <summary>The choices of a <c>choice</c> question (1–50, each 1–100 characters); empty for <c>text</c>.</summary>
    public List<string> Options { get; set; } = [];

    public bool Required { get; set; }
}

/// <summary>An agent needs <see cref="Skill"/> at <see cref="MinimumLevel"/> or above.</summary>
public sealed class SkillRequirementDefinition
{
    /// <summary><c>^[a-z0-9][a-z0-9:._-]{0,63}$</c>, for example <c>lang:nl</c>.</summary>
    public string Skill { get; set; } = "";

    /// <summary>1–10.</summary>
    public int MinimumLevel { get; set; } = 1;
}

/// <summary>When <see cref="Question"/> is answered <see cref="Answer"/> (ignoring case): require a skill and/or set the priority.</summary>
public sealed class AnswerRuleDefinition
{
    /// <summary>The id of one of the queue's questions.</summary>
    public string Question { get; set; } = "";

    /// <summary>For a choice question, one of its options.</summary>
    public string Answer { get; set; } = "";

    /// <summary>The skill the chat then needs (optional).</summary>
    public string? Skill { get; set; }

    /// <summary>1–10; only with <see cref="Skill"/> (default 1).</summary>
    public int? MinimumLevel { get; set; }

    /// <summary>The chat's priority, 0–100 (optional; with several matching rules the highest wins).</summary>
    public int? Priority { get; set; }
}

/// <summary>After <see cref="AfterSeconds"/> in the queue, lower the requirement on <see cref="Skill"/> to <see cref="MinimumLevel"/>, or drop it when that is null.</summary>
public sealed class RelaxationStepDefinition
{
    /// <summary>1–86,400 seconds.</summary>
    public int AfterSeconds { get; set; }

    /// <summary>A skill the queue requires or one of its answer rules adds.</summary>
    public string Skill { get; set; } = "";

    /// <summary>1–10, or null to drop the requirement.</summary>
    public int? MinimumLevel { get; set; }
}
