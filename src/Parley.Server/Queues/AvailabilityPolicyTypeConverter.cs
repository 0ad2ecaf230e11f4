using System.ComponentModel;
using System.Globalization;
using Parley.Server.Contracts;

namespace Parley.Server.Queues;

/// <summary>
/// A queue's policy in configuration (<c>Parley:Queues:0:ClosedPolicy</c>): <c>queue</c>, <c>message</c> or <c>hide</c>,
/// ignoring case. An unknown name binds as an undefined value, so start-up validation names the setting.
/// </summary>
public sealed class AvailabilityPolicyTypeConverter : EnumConverter
{
    public const AvailabilityPolicy Unknown = (AvailabilityPolicy)(-1);

    public AvailabilityPolicyTypeConverter() : base(typeof(AvailabilityPolicy))
    {
    }

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string name
            ? Enum.TryParse<AvailabilityPolicy>(name.Trim(), ignoreCase: true, out var policy) && Enum.IsDefined(policy) && !name.Trim().All(char.IsAsciiDigit) ? policy : Unknown
            : base.ConvertFrom(context, culture, value)!;
}
