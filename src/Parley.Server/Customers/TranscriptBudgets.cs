using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Parley.Server.Customers;

/// <summary>
/// Per e-mail address typed in a transcript request, how many transcripts may go there: so that chats started from many
/// client addresses cannot flood someone else's inbox. Kept in memory on each edge.
/// </summary>
public sealed class TranscriptBudgets(IOptions<CustomerLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetTokenBucketLimiter(email, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.TranscriptPerEmailBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = options.Value.TranscriptPerEmailPeriod,
            QueueLimit = 0,
        }), StringComparer.Ordinal);

    /// <summary>Takes one transcript from the address's budget; a refused lease carries its Retry-After.</summary>
    public RateLimitLease Spend(string email) => _limiter.AttemptAcquire(email.ToUpperInvariant());

    public void Dispose() => _limiter.Dispose();
}
