namespace Parley.Routing;

/// <summary>A read-only view of one routed conversation.</summary>
public sealed record ConversationSnapshot(
    Guid ConversationId,
    string Queue,
    ConversationStage Stage,
    DateTimeOffset EnteredAt,
    DateTimeOffset QueueEnteredAt,
    int Priority,
    int EffectivePriority,
    IReadOnlyList<SkillRequirement> Requirements,
    string? Username,
    Guid? OfferId,
    string? OfferUsername,
    string? ReservedFor,
    IReadOnlyCollection<string> PassedOver,
    IReadOnlyDictionary<string, string> Answers);
