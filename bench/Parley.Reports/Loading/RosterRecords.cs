using Parley.ReportBench.Generation;
using Parley.Server.Storage;

namespace Parley.ReportBench.Loading;

/// <summary>
/// The generated queues and agents as the product stores them, so reports find their names and settings (service level,
/// maximum wait, overflow). The agents cannot sign in: their password hash is no hash.
/// </summary>
public static class RosterRecords
{
    public static async Task SaveAsync(BenchDatabase database, Roster roster, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        context.Queues.AddRange(roster.Queues.Select((name, q) => new QueueRecord
        {
            Name = name,
            DisplayName = char.ToUpperInvariant(name[0]) + name[1..],
            MaxWaitSeconds = (int)(YearSimulation.MaxWaitMs / 1000),
            OverflowQueue = roster.SiblingOf(q) != q ? roster.Queues[roster.SiblingOf(q)] : null,
            OverflowAfterSeconds = roster.SiblingOf(q) != q ? 90 : null,
            WrapUpSeconds = 30,
        }));
        context.Agents.AddRange(roster.Agents.Select(a => new AgentRecord
        {
            Username = a.Username,
            DisplayName = a.DisplayName,
            PasswordHash = "!",
            Roles = ["agent"],
            Queues = [.. roster.Queues.Where((_, q) => a.Serves(roster.GroupOf(q)))],
            Capacity = a.Capacity,
        }));
        await context.SaveChangesAsync(cancellationToken);
    }
}
