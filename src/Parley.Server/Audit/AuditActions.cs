using System.Text.Json;
using Parley.Server.Agents;

namespace Parley.Server.Audit;

/// <summary>What an audit entry records: the admin changes and the supervisor actions, by name (docs/api.md lists them).</summary>
public static class AuditActions
{
    public const string QueueCreated = "queue.created";
    public const string QueueChanged = "queue.changed";
    public const string QueueDeleted = "queue.deleted";
    public const string AgentCreated = "agent.created";
    public const string AgentChanged = "agent.changed";
    public const string AgentDeleted = "agent.deleted";
    public const string CalendarCreated = "calendar.created";
    public const string CalendarChanged = "calendar.changed";
    public const string CalendarDeleted = "calendar.deleted";
    public const string AnnouncementCreated = "announcement.created";
    public const string AnnouncementChanged = "announcement.changed";
    public const string AnnouncementDeleted = "announcement.deleted";
    public const string WallboardKeyCreated = "wallboardKey.created";
    public const string WallboardKeyRevoked = "wallboardKey.revoked";
    public const string CannedResponseCreated = "cannedResponse.created";
    public const string CannedResponseChanged = "cannedResponse.changed";
    public const string CannedResponseDeleted = "cannedResponse.deleted";
    public const string CustomerErased = "customer.erased";
    public const string RetentionApplied = "retention.applied";

    /// <summary>A supervisor's action on a conversation: <c>supervision.monitor</c>, <c>supervision.whisper</c>, <c>supervision.takeOver</c>…</summary>
    public static string Supervision(SupervisionAction action) => "supervision." + JsonNamingPolicy.CamelCase.ConvertName(action.ToString());

    /// <summary>Every action, for the filter's choices.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        QueueCreated, QueueChanged, QueueDeleted, AgentCreated, AgentChanged, AgentDeleted,
        CalendarCreated, CalendarChanged, CalendarDeleted, AnnouncementCreated, AnnouncementChanged, AnnouncementDeleted,
        WallboardKeyCreated, WallboardKeyRevoked, CannedResponseCreated, CannedResponseChanged, CannedResponseDeleted,
        CustomerErased, RetentionApplied,
        .. Enum.GetValues<SupervisionAction>().Select(Supervision),
    ];

    /// <summary>The subject of an entry: its kind and key (<c>queue:support</c>).</summary>
    public static string Subject(string kind, string key) => $"{kind}:{key}";
}
