using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Customers;

/// <summary>
/// <c>Parley:Customers</c>: the limits every edge applies to customers. Each edge counts on its own, so a
/// customer spread over several edges gets each edge's budget.
/// </summary>
public sealed class CustomerLimitOptions
{
    public const string Section = "Parley:Customers";

    /// <summary>Calls a conversation may make at once (REST and every hub connection of it on this edge together).</summary>
    [Range(1, 10_000)]
    public int MessageBurst { get; set; } = 30;

    /// <summary>Calls a conversation gets back each <see cref="MessagePeriod"/> after the burst.</summary>
    [Range(1, 10_000)]
    public int MessagesPerPeriod { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MessagePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Chats one client address may start at once.</summary>
    [Range(1, 10_000)]
    public int StartBurst { get; set; } = 30;

    /// <summary>After the burst, one more start per client address each period.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan StartPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages left through the form, per client address: a burst of this many, then one per <see cref="LeaveMessagePeriod"/>.</summary>
    [Range(1, 1000)]
    public int LeaveMessageBurst { get; set; } = 5;

    public TimeSpan LeaveMessagePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages left for one e-mail address (each sends that address a confirmation): a burst, then one per period.</summary>
    [Range(1, 1000)]
    public int LeaveMessagePerEmailBurst { get; set; } = 3;

    public TimeSpan LeaveMessagePerEmailPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Transcripts asked for by e-mail, per client address: a burst of this many, then one per <see cref="TranscriptPeriod"/>.</summary>
    [Range(1, 1000)]
    public int TranscriptBurst { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan TranscriptPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Transcripts to one e-mail address typed in the request: a burst, then one per period.</summary>
    [Range(1, 1000)]
    public int TranscriptPerEmailBurst { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan TranscriptPerEmailPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Attachment downloads and previews, per client address: a burst of this many, then one per
    /// <see cref="DownloadPeriod"/>. Each one reads a file on the core (through the transport from an edge), so a link
    /// handed around must not become a way to load the core.
    /// </summary>
    [Range(1, 10_000)]
    public int DownloadBurst { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan DownloadPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The <c>Retry-After</c> of a <c>503</c> answered because the core cannot be reached: the earliest a client should
    /// try again (the widget backs off further on its own). Whole seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UnavailableRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Hub connections one conversation may hold open on this edge; the next one is refused.</summary>
    [Range(1, 100)]
    public int ConnectionsPerConversation { get; set; } = 5;
}
