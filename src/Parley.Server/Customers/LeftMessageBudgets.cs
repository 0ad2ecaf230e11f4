using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Parley.Server.Customers;

/// <summary>
/// Per e-mail address, how many messages may be left (each one mails that address a confirmation): so the form
/// cannot be used to flood someone else's inbox from many client addresses. Kept in memory on each edge.
/// </summary>
public sealed class LeftMessageBudgets(IOptions<CustomerLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetTokenBucketLimiter(email, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.LeaveMessagePerEmailBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = options.Value.LeaveMessagePerEmailPeriod,
            QueueLimit = 0,
        }), StringComparer.Ordinal);

    /// <summary>Takes one message from the address's budget; a refused lease carries its Retry-After.</summary>
    public RateLimitLease Spend(string email) => _limiter.AttemptAcquire(email.ToUpperInvariant());

    public void Dispose() => _limiter.Dispose();
}
