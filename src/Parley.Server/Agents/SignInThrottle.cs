using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Parley.Server.Agents;

/// <summary>
/// Slows down password guessing on both sign-in paths (the form and <c>POST /api/v1/agent/login</c>): at most
/// <see cref="SignInOptions.FailuresPerAddress"/> failures per client address in <see cref="SignInOptions.AddressWindow"/>,
/// and per username at one address a wait that doubles with each failure up to <see cref="SignInOptions.MaxBackOff"/>.
/// Never per username alone, so an attacker cannot lock an agent out. Failures are counted, not requests (the
/// rate-limiting middleware counts requests); while refused, no password is checked and nothing is counted.
/// </summary>
public sealed partial class SignInThrottle(IOptions<SignInOptions> options, TimeProvider time, ILogger<SignInThrottle> logger)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly SignInOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AddressFailures> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Address, string Username), BackOff> _backOffs = [];
    private DateTimeOffset _nextSweep;

    /// <summary>Addresses and username–address pairs remembered now (for tests of the memory bound).</summary>
    internal (int Addresses, int BackOffs) Tracked
    {
        get
        {
            lock (_gate)
            {
                return (_addresses.Count, _backOffs.Count);
            }
        }
    }

    /// <summary>Null when this address may try this username now; otherwise how long it must wait.</summary>
    public TimeSpan? RetryAfter(IPAddress? address, string? username)
    {
        var now = time.GetUtcNow();
        var key = AddressKey(address);
        lock (_gate)
        {
            var wait = _addresses.TryGetValue(key, out var failures) ? failures.Wait(now, _options) : TimeSpan.Zero;
            if (_backOffs.TryGetValue((key, UsernameKey(username)), out var backOff) && backOff.Until - now > wait)
            {
                wait = backOff.Until - now;
            }

            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    public void Failed(IPAddress? address, string? username)
    {
        var now = time.GetUtcNow();
        var key = AddressKey(address);
        TimeSpan? limited;
        lock (_gate)
        {
            SweepIfDue(now);
            if (!_addresses.TryGetValue(key, out var failures))
            {
                MakeRoom(_addresses, now);
                _addresses[key] = failures = new AddressFailures();
            }

            failures.Add(now, _options.FailuresPerAddress);
            limited = failures.Wait(now, _options) is { } wait && wait > TimeSpan.Zero ? wait : null;

            var pair = (key, UsernameKey(username));
            if (!_backOffs.TryGetValue(pair, out var backOff))
            {
                MakeRoom(_backOffs, now);
                _backOffs[pair] = backOff = new BackOff();
            }

            backOff.Fail(now, _options);
        }

        if (limited is { } refusedFor)
        {
            LogAddressLimited(logger, key, _options.FailuresPerAddress, _options.AddressWindow, refusedFor);
        }
    }

    /// <summary>A right password ends the back-off of this username at this address (not the address's count).</summary>
    public void Succeeded(IPAddress? address, string? username)
    {
        var pair = (AddressKey(address), UsernameKey(username));
        lock (_gate)
        {
            _backOffs.Remove(pair);
        }
    }

    /// <summary>
    /// <see cref="RetryAfter(IPAddress?, string?)"/> for this request's client; when refused, the response gets
    /// <c>Retry-After</c> and the status 429 (the caller says why in its own form).
    /// </summary>
    public TimeSpan? RetryAfter(HttpContext http, string? username)
    {
        var wait = RetryAfter(http.Connection.RemoteIpAddress, username);
        if (wait is { } refused)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = ((long)Math.Ceiling(refused.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return wait;
    }

    /// <summary>Counts the outcome of a password check for this request's client and passes the principal on.</summary>
    public ClaimsPrincipal? Record(HttpContext http, string? username, ClaimsPrincipal? principal)
    {
        if (principal is null)
        {
            Failed(http.Connection.RemoteIpAddress, username);
        }
        else
        {
            Succeeded(http.Connection.RemoteIpAddress, username);
        }

        return principal;
    }

    /// <summary>What the person is told, in whole minutes (rounded up).</summary>
    public static string Message(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return $"Too many failed sign-ins from here. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
    }

    /// <summary>
    /// An IPv6 client usually holds a whole /64, so that is one address here; an IPv4-mapped one is its IPv4.
    /// No address (not over a socket) is one shared "address".
    /// </summary>
    internal static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "-";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>As the directory finds it (trimmed, lower case); cut to the longest username so a key stays small.</summary>
    private static string UsernameKey(string? username)
    {
        var key = (username ?? "").Trim().ToLowerInvariant();
        return key.Length > 64 ? key[..64] : key;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        Sweep(_addresses, now);
        Sweep(_backOffs, now);
    }

    private void Sweep<TKey, TEntry>(Dictionary<TKey, TEntry> table, DateTimeOffset now)
        where TKey : notnull
        where TEntry : IExpiring
    {
        foreach (var (key, entry) in table)
        {
            if (entry.Expires(_options) <= now)
            {
                table.Remove(key);
            }
        }
    }

    /// <summary>At the cap: drop what has expired, else the entry that would expire first (a spray forgets itself first).</summary>
    private void MakeRoom<TKey, TEntry>(Dictionary<TKey, TEntry> table, DateTimeOffset now)
        where TKey : notnull
        where TEntry : IExpiring
    {
        if (table.Count < _options.MaxTracked)
        {
            return;
        }

        Sweep(table, now);
        if (table.Count < _options.MaxTracked)
        {
            return;
        }

        var first = table.MinBy(e => e.Value.Expires(_options)).Key;
        table.Remove(first);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-ins from {Address} are refused for {RefusedFor}: {Failures} failed within {Window}.")]
    private static partial void LogAddressLimited(ILogger logger, string address, int failures, TimeSpan window, TimeSpan refusedFor);

    /// <summary>What a table entry is forgotten after.</summary>
    private interface IExpiring
    {
        DateTimeOffset Expires(SignInOptions options);
    }

    /// <summary>The times of an address's last failures (at most the limit of them), oldest first.</summary>
    private sealed class AddressFailures : IExpiring
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public void Add(DateTimeOffset now, int limit)
        {
            _times.Enqueue(now);
            while (_times.Count > limit)
            {
                _times.Dequeue();
            }
        }

        /// <summary>With the limit reached inside the window: until the oldest of them leaves it.</summary>
        public TimeSpan Wait(DateTimeOffset now, SignInOptions options) =>
            _times.Count >= options.FailuresPerAddress ? _times.Peek() + options.AddressWindow - now : TimeSpan.Zero;

        // The newest failure is the last in line (at most the limit of them: a short look).
        public DateTimeOffset Expires(SignInOptions options) => _times.Last() + options.AddressWindow;
    }

    /// <summary>One username at one address: its failures in a row and until when it must wait.</summary>
    private sealed class BackOff : IExpiring
    {
        private int _failures;

        public DateTimeOffset Until { get; private set; }

        public void Fail(DateTimeOffset now, SignInOptions options)
        {
            _failures++;
            var doublings = _failures - options.BackOffAfter;
            if (doublings < 0)
            {
                Until = now;
                return;
            }

            // Doubled per further failure, capped (and kept from overflowing: 2^20 minutes is far past any cap).
            var wait = options.FirstBackOff * Math.Pow(2, Math.Min(doublings, 20));
            Until = now + (wait < options.MaxBackOff ? wait : options.MaxBackOff);
        }

        /// <summary>Forgotten once a whole <see cref="SignInOptions.MaxBackOff"/> has passed after its wait without a failure.</summary>
        public DateTimeOffset Expires(SignInOptions options) => Until + options.MaxBackOff;
    }
}
