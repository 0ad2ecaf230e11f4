using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Email;

/// <summary><c>Parley:Email:Outbox</c>: how the outbox worker retries a mail that could not be sent.</summary>
public sealed class MailOutboxOptions
{
    public const string Section = "Parley:Email:Outbox";

    /// <summary>The wait after the first failed attempt; it doubles with each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failed ones (at least one).</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 20);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
