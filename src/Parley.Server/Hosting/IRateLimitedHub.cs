using System.Threading.RateLimiting;

namespace Parley.Server.Hosting;

/// <summary>
/// A hub whose calls spend from a budget: <see cref="HubErrorFilter"/> takes one call before every method and refuses
/// the call when the budget is spent. Implement it explicitly, so that neither member becomes a hub method.
/// </summary>
public interface IRateLimitedHub
{
    /// <summary>One call from the caller's budget (shared with whatever else spends from it, e.g. REST calls).</summary>
    RateLimitLease TakeCall();

    /// <summary>Tells the caller, in a typed message before the refusal, when to try again.</summary>
    Task SlowDownAsync(TimeSpan retryAfter);
}
