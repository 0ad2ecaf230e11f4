namespace Parley.Server.Storage;

/// <summary>
/// A queue's roll-up for one 15-minute UTC bucket, per site, edge and medium (table <c>report_queue_intervals</c>),
/// written by the queue projection. Every outcome counts in the bucket of the entry it closes (its <c>QueuedAt</c>).
/// Sums are milliseconds; histograms count durations in <c>DurationHistogram</c>'s fixed buckets, so percentiles
/// survive any roll-up. Site, edge and medium are "" when unknown (they are part of the key).
/// </summary>
public sealed class ReportQueueIntervalRecord
{
    public required string Queue { get; set; }

    /// <summary>The bucket's start, Unix milliseconds (a multiple of 15 minutes).</summary>
    public long Bucket { get; set; }

    public string Site { get; set; } = "";
    public string Edge { get; set; } = "";
    public string Medium { get; set; } = "";

    /// <summary>Every entry into the queue (the four below add up to it, with the other entries).</summary>
    public int Offered { get; set; }
    public int Arrivals { get; set; }
    public int TransfersIn { get; set; }
    public int OverflowsIn { get; set; }

    /// <summary>Entries of chats an agent going offline or a supervisor put back.</summary>
    public int Returned { get; set; }

    public int OffersToAgents { get; set; }
    public int Answered { get; set; }
    public int AnsweredWithinServiceLevel { get; set; }
    public int Abandoned { get; set; }
    public int ShortAbandoned { get; set; }
    public int Expired { get; set; }

    /// <summary>Ended while waiting by someone else than the customer (a system refusal).</summary>
    public int EndedWaiting { get; set; }

    public int TransfersOut { get; set; }
    public int TransfersToAgent { get; set; }
    public int OverflowsOut { get; set; }

    public long WaitSumMs { get; set; }
    public string WaitHistogram { get; set; } = "";
    public long LongestWaitMs { get; set; }

    public int FirstResponses { get; set; }
    public long FirstResponseSumMs { get; set; }
    public string FirstResponseHistogram { get; set; } = "";

    /// <summary>Agent segments closed (by an end or a hand-over) and their handling time.</summary>
    public int Handled { get; set; }
    public long HandleSumMs { get; set; }
    public string HandleHistogram { get; set; } = "";

    public int WrapUps { get; set; }
    public long WrapUpSumMs { get; set; }

    /// <summary>Chats that ended with an agent.</summary>
    public int Ended { get; set; }

    /// <summary>Chats the customer's silence closed (the workflow's inactivity rule), with an agent or while waiting.</summary>
    public int InactivityClosed { get; set; }

    public int SurveysOffered { get; set; }
    public int Ratings { get; set; }
    public int RatingSum { get; set; }
    public int Rated1 { get; set; }
    public int Rated2 { get; set; }
    public int Rated3 { get; set; }
    public int Rated4 { get; set; }
    public int Rated5 { get; set; }

    /// <summary>Answers measured in business hours (the queue has a calendar), their wait sum and histogram.</summary>
    public int BusinessAnswered { get; set; }
    public long BusinessWaitSumMs { get; set; }
    public string BusinessWaitHistogram { get; set; } = "";

    public int BusinessHandled { get; set; }
    public long BusinessHandleSumMs { get; set; }
    public string BusinessHandleHistogram { get; set; } = "";
}
