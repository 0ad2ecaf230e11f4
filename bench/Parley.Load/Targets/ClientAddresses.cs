using System.Globalization;

namespace Parley.Load.Targets;

/// <summary>
/// Distinct client addresses for simulated customers and agents, sent as <c>X-Forwarded-For</c>: 127.16.0.1,
/// 127.16.0.2 … (loopback addresses, never a real host). Parley trusts the header from loopback, so its
/// per-address limits see many clients, as behind a reverse proxy in production.
/// </summary>
public sealed class ClientAddresses(bool enabled)
{
    private int _next;

    /// <summary>The next address, or null when disabled.</summary>
    public string? Next()
    {
        if (!enabled)
        {
            return null;
        }

        var n = Interlocked.Increment(ref _next);
        return string.Create(CultureInfo.InvariantCulture, $"127.{16 + ((n >> 16) % 200)}.{(n >> 8) & 255}.{n & 255}");
    }
}
