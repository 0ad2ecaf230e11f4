using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Agents;

/// <summary>
/// <c>Parley:SignIn</c>: how failed sign-ins (the form and <c>POST /api/v1/agent/login</c>) are slowed down. Limits
/// are per client address and per username at an address, never per username alone: that would let anyone lock
/// an agent out.
/// </summary>
public sealed class SignInOptions : IValidatableObject
{
    public const string Section = "Parley:SignIn";

    /// <summary>Failed sign-ins one address may make within <see cref="AddressWindow"/>; the next attempt is refused (429).</summary>
    [Range(1, 10_000)]
    public int FailuresPerAddress { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failures of one username from one address before it must wait; each further failure doubles the wait.</summary>
    [Range(1, 100)]
    public int BackOffAfter { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstBackOff { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxBackOff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Addresses, and username–address pairs, remembered at most (each): bounds memory against a spray.</summary>
    [Range(100, 10_000_000)]
    public int MaxTracked { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FirstBackOff > MaxBackOff)
        {
            yield return new ValidationResult("FirstBackOff must not be longer than MaxBackOff.", [nameof(FirstBackOff), nameof(MaxBackOff)]);
        }
    }
}
