using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Parley.Server.Customers;

/// <summary>
/// What one conversation may use on this edge: one budget of calls, shared by its REST requests (through the
/// rate limiting middleware, <see cref="CustomerCallLimitPolicy"/>) and every hub connection of it (how many it may
/// open is <see cref="CustomerConnections"/>'). Keyed on the validated conversation, never on how a client spelled its token.
/// </summary>
public sealed class CustomerBudgets : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _calls;

    public CustomerBudgets(IOptions<CustomerLimitOptions> options)
    {
        var limits = options.Value;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.MessageBurst,
            TokensPerPeriod = limits.MessagesPerPeriod,
            ReplenishmentPeriod = limits.MessagePeriod,
            QueueLimit = 0,
        };
        _calls = PartitionedRateLimiter.Create<Guid, Guid>(id => RateLimitPartition.GetTokenBucketLimiter(id, _ => bucket));
    }

    /// <summary>One call of the conversation; a refused lease carries <see cref="MetadataName.RetryAfter"/>.</summary>
    public RateLimitLease TakeCall(Guid conversationId) => _calls.AttemptAcquire(conversationId);

    /// <summary>The conversation's call budget as a limiter the rate limiting middleware can hold.</summary>
    public RateLimiter CallsOf(Guid conversationId) => new ConversationCalls(_calls, conversationId);

    public void Dispose() => _calls.Dispose();

    /// <summary>
    /// A stateless view of one partition. The middleware keeps the limiters it is given and drops idle ones; this
    /// one holds nothing, so it says it is idle and may be dropped and made again at any time, while the budget
    /// itself lives (and is cleaned up) in <see cref="_calls"/>.
    /// </summary>
    private sealed class ConversationCalls(PartitionedRateLimiter<Guid> calls, Guid conversationId) : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => calls.GetStatistics(conversationId);

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => calls.AttemptAcquire(conversationId, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            calls.AcquireAsync(conversationId, permitCount, cancellationToken);
    }
}
