using Parley.Server.Storage;

namespace Parley.ReportBench.Loading;

/// <summary>The columns of <c>report_events</c> a load writes (all but <c>Id</c>, which the database assigns in insert order).</summary>
public static class FactColumns
{
    public static readonly string[] Names =
        ["At", "Kind", "ConversationId", "Queue", "Agent", "Detail", "Target", "QueuedAt", "DurationMs", "Value", "Site", "Edge", "Medium", "Presence", "Status", "Active", "Capacity"];

    public static string Quoted => string.Join(", ", Names.Select(n => $"\"{n}\""));

    public static object?[] Values(ReportEventRecord f) =>
        [f.At, f.Kind, f.ConversationId, f.Queue, f.Agent, f.Detail, f.Target, f.QueuedAt, f.DurationMs, f.Value, f.Site, f.Edge, f.Medium, f.Presence, f.Status, f.Active, f.Capacity];
}
