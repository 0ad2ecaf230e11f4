using Parley.Server.Contracts;
using Parley.Routing;

namespace Parley.Server.Storage;

public sealed class QueueRecord
{
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public string? Welcome { get; set; }
    public int OfferTimeoutSeconds { get; set; } = 30;
    public List<PreChatQuestion> Questions { get; set; } = [];

    // Routing settings (see docs/routing.md); stored as they are edited, turned into QueueSettings by RoutingModel.
    public List<SkillRequirementRecord> RequiredSkills { get; set; } = [];
    public int Priority { get; set; }
    public List<AnswerRuleRecord> AnswerRules { get; set; } = [];
    public int? MaxQueueLength { get; set; }
    public int? MaxWaitSeconds { get; set; }
    public string? OverflowQueue { get; set; }
    public int? OverflowAfterSeconds { get; set; }
    public List<RelaxationStepRecord> Relaxation { get; set; } = [];
    public int WrapUpSeconds { get; set; }
    public RoutingStrategy Strategy { get; set; } = RoutingStrategy.LongestIdle;
    public int? PriorityAgingSeconds { get; set; }
    public bool ManualPick { get; set; }
    public int AffinitySeconds { get; set; }

    /// <summary>Days after their end that the queue's conversations are kept (issue 21); null: until erased.</summary>
    public int? RetentionDays { get; set; }

    // Availability (issue 17): the business calendar by name, and what customers get when it is closed or no agent is in.
    public string? Calendar { get; set; }
    public AvailabilityPolicy ClosedPolicy { get; set; }
    public AvailabilityPolicy NoAgentsPolicy { get; set; }

    // Reporting (issue 19): the service level's threshold and target, and the short abandon's.
    public int ServiceLevelSeconds { get; set; } = 20;
    public double ServiceLevelTarget { get; set; } = 0.8;
    public int ShortAbandonSeconds { get; set; } = 5;
    public int? AttachmentMaxBytes { get; set; }
    public List<string> AttachmentTypes { get; set; } = [];

    /// <summary>The queue's current workflow version (<see cref="QueueWorkflowRecord"/>); 0: none saved yet (the default workflow).</summary>
    public int WorkflowVersion { get; set; }

    // Wrap-up (issue 20): the codes an agent chooses from at close, and whether one is required.
    public List<WrapUpCodeRecord> WrapUpCodes { get; set; } = [];
    public bool WrapUpCodeRequired { get; set; }
}

/// <summary>A question the customer answers before the chat starts.</summary>
public sealed class PreChatQuestion
{
    public required string Id { get; set; }
    public required string Label { get; set; }

    /// <summary><c>text</c> or <c>choice</c>.</summary>
    public string Type { get; set; } = "text";

    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }

    public QuestionView ToView() => new(Id, Label, Type, Options, Required);
}

public sealed class SkillRequirementRecord
{
    public required string Skill { get; set; }
    public int MinimumLevel { get; set; } = 1;
}

/// <summary>When <see cref="Question"/> is answered <see cref="Answer"/>: require a skill and/or set the priority.</summary>
public sealed class AnswerRuleRecord
{
    public required string Question { get; set; }
    public required string Answer { get; set; }
    public string? Skill { get; set; }
    public int? MinimumLevel { get; set; }
    public int? Priority { get; set; }
}

/// <summary>After <see cref="AfterSeconds"/> in the queue, lower the requirement on <see cref="Skill"/> (or drop it when null).</summary>
public sealed class RelaxationStepRecord
{
    public int AfterSeconds { get; set; }
    public required string Skill { get; set; }
    public int? MinimumLevel { get; set; }
}
