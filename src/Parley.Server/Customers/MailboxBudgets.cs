using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Parley.Server.Customers;

/// <summary>
/// Per e-mail address that a customer's request makes Parley write to — a left message's confirmation, a transcript —
/// how many such mails may go there: so that requests from many client addresses cannot flood someone else's inbox.
/// One token bucket per address and kind of mail, kept in memory on each edge.
/// </summary>
public sealed class MailboxBudgets(IOptions<CustomerLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _leftMessages = PerAddress(options.Value.LeaveMessagePerEmailBurst, options.Value.LeaveMessagePerEmailPeriod);
    private readonly PartitionedRateLimiter<string> _transcripts = PerAddress(options.Value.TranscriptPerEmailBurst, options.Value.TranscriptPerEmailPeriod);

    /// <summary>Takes one left message from the address's budget; a refused lease carries its Retry-After.</summary>
    public RateLimitLease SpendLeftMessage(string email) => _leftMessages.AttemptAcquire(email.ToUpperInvariant());

    /// <summary>Takes one transcript from the address's budget; a refused lease carries its Retry-After.</summary>
    public RateLimitLease SpendTranscript(string email) => _transcripts.AttemptAcquire(email.ToUpperInvariant());

    public void Dispose()
    {
        _leftMessages.Dispose();
        _transcripts.Dispose();
    }

    private static PartitionedRateLimiter<string> PerAddress(int burst, TimeSpan period) => PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetTokenBucketLimiter(email, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
        }), StringComparer.Ordinal);
}
