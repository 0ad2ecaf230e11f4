namespace Parley.Server.Hosting.Errors;

/// <summary>
/// How long a client is told to wait (<c>Retry-After</c>) when the core cannot be reached. The customers' feature sets it
/// from <c>Parley:Customers:UnavailableRetryAfter</c>; this map only reads it, so it does not depend on that feature.
/// </summary>
public sealed class UnavailableRetryOptions
{
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
