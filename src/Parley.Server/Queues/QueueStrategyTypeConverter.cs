using System.ComponentModel;
using System.Globalization;
using Parley.Routing;

namespace Parley.Server.Queues;

/// <summary>
/// A queue's strategy in configuration (<c>Parley:Queues:0:Strategy</c>): its name, read like the admin API reads it.
/// An unknown name binds as <see cref="QueueStrategies.Unknown"/>, so start-up validation names the setting.
/// </summary>
public sealed class QueueStrategyTypeConverter : EnumConverter
{
    public QueueStrategyTypeConverter() : base(typeof(RoutingStrategy))
    {
    }

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string name ? QueueStrategies.Read(name) : base.ConvertFrom(context, culture, value)!;
}
