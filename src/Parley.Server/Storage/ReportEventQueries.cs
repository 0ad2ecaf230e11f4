using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

/// <summary>Named reads of the raw event log (drill-down, the start-up, the tests), in the log's order.</summary>
public sealed class ReportEventQueries(ParleyDbContext context)
{
    public Task<List<ReportEventRecord>> OfConversationAsync(Guid conversationId, CancellationToken cancellationToken) =>
        context.ReportEvents.AsNoTracking().Where(e => e.ConversationId == conversationId).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>The agent's state facts (the rows that carry their state), oldest first.</summary>
    public Task<List<ReportEventRecord>> StatesOfAgentAsync(string agent, CancellationToken cancellationToken) =>
        context.ReportEvents.AsNoTracking().Where(e => e.Agent == agent && e.Presence != null).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>Each agent's last state fact (what the restart closes).</summary>
    public Task<List<ReportEventRecord>> LastAgentStatesAsync(CancellationToken cancellationToken)
    {
        var lastIds = context.ReportEvents.Where(e => e.Agent != null && e.Presence != null).GroupBy(e => e.Agent).Select(g => g.Max(e => e.Id));
        return context.ReportEvents.AsNoTracking().Where(e => lastIds.Contains(e.Id)).ToListAsync(cancellationToken);
    }
}
