using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Agents;
using Parley.Server.Hosting;

namespace Parley.Server.Tests.Agents;

/// <summary>The sign-in throttle's rules with the default numbers, on a fake clock.</summary>
public sealed class SignInThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.1");
    private static readonly IPAddress Office = IPAddress.Parse("198.51.100.1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Ten_failures_from_one_address_in_five_minutes_refuse_it_until_the_first_of_them_is_five_minutes_old()
    {
        var throttle = Create();
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(throttle.RetryAfter(Attacker, $"guess-{i}"));
            throttle.Failed(Attacker, $"guess-{i}");
            _time.Advance(TimeSpan.FromSeconds(20));
        }

        // The first failure was 200 s ago: 100 s to go, whatever username is tried next.
        Assert.Equal(TimeSpan.FromSeconds(100), throttle.RetryAfter(Attacker, "alice"));
        Assert.Equal(TimeSpan.FromSeconds(100), throttle.RetryAfter(Attacker, "guess-11"));
        _time.Advance(TimeSpan.FromSeconds(100));
        Assert.Null(throttle.RetryAfter(Attacker, "alice"));
        throttle.Failed(Attacker, "guess-11");
        // Again ten within five minutes (the 2nd … 11th): wait until the 2nd is five minutes old.
        Assert.Equal(TimeSpan.FromSeconds(20), throttle.RetryAfter(Attacker, "alice"));
    }

    [Fact]
    public void Nine_failures_in_five_minutes_and_one_later_do_not_limit_an_address()
    {
        var throttle = Create();
        for (var i = 0; i < 9; i++)
        {
            throttle.Failed(Attacker, $"guess-{i}");
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        throttle.Failed(Attacker, "guess-9");

        Assert.Null(throttle.RetryAfter(Attacker, "alice"));
    }

    [Fact]
    public void One_username_at_one_address_waits_after_three_failures_and_the_wait_doubles_up_to_fifteen_minutes()
    {
        var throttle = Create();
        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 8; i++)
        {
            throttle.Failed(Attacker, "alice");
            var wait = throttle.RetryAfter(Attacker, "alice");
            waits.Add(wait);
            _time.Advance(wait ?? TimeSpan.Zero);
        }

        Assert.Equal<TimeSpan?>(
            [null, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)],
            waits);
        // The username is matched as the directory matches it.
        throttle.Failed(Attacker, " Alice ");
        Assert.Equal(TimeSpan.FromMinutes(15), throttle.RetryAfter(Attacker, "alice"));
    }

    [Fact]
    public void Another_address_is_never_limited_by_an_attacker_neither_for_the_same_username_nor_any_other()
    {
        var throttle = Create();
        for (var i = 0; i < 10; i++)
        {
            throttle.Failed(Attacker, "alice");
        }

        Assert.NotNull(throttle.RetryAfter(Attacker, "alice"));
        Assert.NotNull(throttle.RetryAfter(Attacker, "bob"));
        Assert.Null(throttle.RetryAfter(Office, "alice"));
        Assert.Null(throttle.RetryAfter(Office, "bob"));
    }

    [Fact]
    public void A_success_ends_the_back_off_of_that_username_at_that_address_but_not_the_count_of_the_address()
    {
        var throttle = Create();
        for (var i = 0; i < 3; i++)
        {
            throttle.Failed(Office, "alice");
        }

        Assert.Equal(TimeSpan.FromMinutes(1), throttle.RetryAfter(Office, "alice"));
        _time.Advance(TimeSpan.FromMinutes(1));
        throttle.Succeeded(Office, "alice");
        throttle.Failed(Office, "alice");

        // Counted from the start again: one failure, no wait; the address has four failures, under ten.
        Assert.Null(throttle.RetryAfter(Office, "alice"));
        for (var i = 0; i < 6; i++)
        {
            throttle.Failed(Office, $"other-{i}");
        }

        throttle.Succeeded(Office, "alice");
        Assert.NotNull(throttle.RetryAfter(Office, "alice"));
    }

    [Fact]
    public void An_ipv6_client_is_its_slash_64_and_an_ipv4_mapped_one_its_ipv4()
    {
        var throttle = Create();
        for (var i = 0; i < 10; i++)
        {
            throttle.Failed(IPAddress.Parse($"2001:db8:1:2::{i + 1:x}"), $"guess-{i}");
        }

        Assert.NotNull(throttle.RetryAfter(IPAddress.Parse("2001:db8:1:2:ffff::1"), "alice"));
        Assert.Null(throttle.RetryAfter(IPAddress.Parse("2001:db8:1:3::1"), "alice"));
        Assert.Equal(SignInThrottle.AddressKey(Attacker), SignInThrottle.AddressKey(Attacker.MapToIPv6()));
    }

    [Fact]
    public void Expired_entries_are_forgotten()
    {
        var throttle = Create();
        throttle.Failed(Attacker, "alice");
        throttle.Failed(Office, "bob");
        for (var i = 0; i < 3; i++)
        {
            throttle.Failed(Attacker, "carol");
        }

        Assert.Equal((2, 3), throttle.Tracked);
        // An address is forgotten when its last failure leaves the window (5 min); a username at an address a whole
        // MaxBackOff (15 min) after its wait ends: Alice and Bob (no wait) at 15 min, Carol (1 min wait) at 16.
        _time.Advance(TimeSpan.FromMinutes(15));
        throttle.Failed(Office, "dave");
        Assert.Equal((1, 2), throttle.Tracked);
        _time.Advance(TimeSpan.FromMinutes(16));
        throttle.Failed(Office, "dave");
        Assert.Equal((1, 1), throttle.Tracked);
    }

    [Fact]
    public void A_spray_of_addresses_and_usernames_stays_within_the_cap_and_forgets_the_oldest_first()
    {
        var throttle = Create(new SignInOptions { MaxTracked = 100 });
        for (var i = 0; i < 1000; i++)
        {
            throttle.Failed(new IPAddress(0x0A000000 + i), $"user-{i}");
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        // The newest failures are remembered: ten from the office, each with another username, still limit it.
        for (var i = 0; i < 10; i++)
        {
            throttle.Failed(Office, $"office-{i}");
        }

        Assert.Equal((100, 100), throttle.Tracked);
        Assert.NotNull(throttle.RetryAfter(Office, "alice"));
    }

    [Theory]
    [InlineData(59, "Try again in 1 minute.")]
    [InlineData(61, "Try again in 2 minutes.")]
    [InlineData(300, "Try again in 5 minutes.")]
    public void The_message_says_the_whole_minutes_to_wait(int seconds, string expected)
    {
        Assert.Equal($"Too many failed sign-ins from here. {expected}", SignInThrottle.Message(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void The_options_are_checked_at_start_up()
    {
        var validator = new SectionAnnotationsValidator<SignInOptions>(SignInOptions.Section);

        var outOfRange = validator.Validate(null, new SignInOptions { FailuresPerAddress = 0 });
        var inverted = validator.Validate(null, new SignInOptions { FirstBackOff = TimeSpan.FromMinutes(20) });

        Assert.Contains(outOfRange.Failures!, f => f.StartsWith("Parley:SignIn:", StringComparison.Ordinal) && f.Contains("FailuresPerAddress", StringComparison.Ordinal));
        Assert.Contains(inverted.Failures!, f => f.Contains("FirstBackOff must not be longer than MaxBackOff", StringComparison.Ordinal));
        Assert.True(validator.Validate(null, new SignInOptions()).Succeeded);
    }

    private SignInThrottle Create(SignInOptions? options = null) =>
        new(Options.Create(options ?? new SignInOptions()), _time, NullLogger<SignInThrottle>.Instance);
}
