using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Transport;

/// <summary>A split deployment (roles <c>core</c> and <c>edge</c>) needs a broker; the in-process role <c>all</c> does not.</summary>
internal sealed class RabbitMqOptionsValidator(ParleyRole role) : IValidateOptions<RabbitMqOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqOptions options)
    {
        if (role.Name != ParleyRoles.All
            && (string.IsNullOrWhiteSpace(options.Uri)
                || !Uri.TryCreate(options.Uri, UriKind.Absolute, out var broker) || (broker.Scheme != "amqp" && broker.Scheme != "amqps")))
        {
            return ValidateOptionsResult.Fail($"Parley:RabbitMq:Uri is required for the role '{role.Name}': amqp://user:password@host:5672/vhost (or amqps:// for TLS).");
        }

        return ValidateOptionsResult.Success;
    }
}
