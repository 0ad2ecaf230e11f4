namespace Parley.ReportBench.Generation;

/// <summary>One chat of the simulation, while it lives.</summary>
public sealed class SimConversation(Guid id, string site, string edge, string medium, bool survey)
{
    public Guid Id { get; } = id;
    public string Site { get; } = site;
    public string Edge { get; } = edge;
    public string Medium { get; } = medium;

    /// <summary>The queue's workflow offers the survey at the end.</summary>
    public bool Survey { get; } = survey;

    public int Queue { get; set; }

    /// <summary>When the chat entered its current queue: every later fact's QueuedAt.</summary>
    public long QueuedAt { get; set; }

    /// <summary>Counts queue entries, so a scheduled step of an earlier entry (an abandon, a retry) is dropped.</summary>
    public int Segment { get; set; }

    public bool Waiting { get; set; }
    public SimAgent? OfferedTo { get; set; }
    public SimAgent? Agent { get; set; }
    public long AcceptedAt { get; set; }

    /// <summary>Counts accepts, so a first reply or an end planned for an earlier agent is dropped.</summary>
    public int AgentSegment { get; set; }

    public bool Transferred { get; set; }
    public bool Ended { get; set; }

    /// <summary>The agent it ended with, for its rating.</summary>
    public string? LastAgent { get; set; }
}
