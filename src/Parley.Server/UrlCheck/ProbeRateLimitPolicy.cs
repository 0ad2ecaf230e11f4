using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Parley.Server.UrlCheck;

/// <summary>
/// The probes are internet-facing: per client address, a burst of 20 then one every 3 seconds; refused with 429.
/// Behind a reverse proxy the client address is the proxy's unless forwarded headers are trusted.
/// </summary>
public sealed class ProbeRateLimitPolicy : IRateLimiterPolicy<string>
{
    private static readonly TokenBucketRateLimiterOptions Bucket = new()
    {
        TokenLimit = 20,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(3),
        QueueLimit = 0,
    };

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        http.Response.Headers.CacheControl = "no-store";
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many probes.", detail: "Try again in a few seconds.")
            .ExecuteAsync(http);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetTokenBucketLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => Bucket);
}
