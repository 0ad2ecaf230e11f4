using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Parley.Server.Customers;

/// <summary>
/// The conversation endpoints: the budget of the conversation the validated token opens (shared with the hub).
/// The middleware runs after authorization, so only a request with a valid token gets here; anything else has
/// no budget of its own to spend.
/// </summary>
public sealed class CustomerCallLimitPolicy(CustomerBudgets budgets) : IRateLimiterPolicy<Guid>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<Guid> GetPartition(HttpContext httpContext) =>
        httpContext.User.TryGetConversationId() is { } id
            ? RateLimitPartition.Get(id, budgets.CallsOf)
            : RateLimitPartition.GetNoLimiter(Guid.Empty);
}

/// <summary>A token bucket per client address (after forwarded headers from trusted proxies).</summary>
public abstract class PerAddressLimitPolicy(int burst, TimeSpan period) : IRateLimiterPolicy<string>
{
    private readonly TokenBucketRateLimiterOptions _bucket = new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = period,
        QueueLimit = 0,
    };

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetTokenBucketLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => _bucket);
}

/// <summary>Starting chats: per client address.</summary>
public sealed class CustomerStartLimitPolicy(IOptions<CustomerLimitOptions> options)
    : PerAddressLimitPolicy(options.Value.StartBurst, options.Value.StartPeriod);

/// <summary>Leaving messages through the form: per client address.</summary>
public sealed class CustomerLeaveMessageLimitPolicy(IOptions<CustomerLimitOptions> options)
    : PerAddressLimitPolicy(options.Value.LeaveMessageBurst, options.Value.LeaveMessagePeriod);

/// <summary>Transcripts by e-mail: per client address (each one mails someone, so the endpoint must not become a relay).</summary>
public sealed class CustomerTranscriptLimitPolicy(IOptions<CustomerLimitOptions> options)
    : PerAddressLimitPolicy(options.Value.TranscriptBurst, options.Value.TranscriptPeriod);

/// <summary>Attachment downloads and previews: per client address (a link is a bearer token, so it names no one).</summary>
public sealed class CustomerDownloadLimitPolicy(IOptions<CustomerLimitOptions> options)
    : PerAddressLimitPolicy(options.Value.DownloadBurst, options.Value.DownloadPeriod);
