using Parley.Server.Storage;

namespace Parley.ReportBench.Generation;

/// <summary>Counts the facts and the chats (their first <c>queued</c>) as they stream past on their way to the database.</summary>
public sealed class FactCounter
{
    public long Facts { get; private set; }
    public long Conversations { get; private set; }

    public IEnumerable<ReportEventRecord> Count(IEnumerable<ReportEventRecord> facts)
    {
        foreach (var fact in facts)
        {
            Facts++;
            if (fact is { Kind: ReportEventKinds.Queued, Detail: "arrival" })
            {
                Conversations++;
            }

            yield return fact;
        }
    }
}
