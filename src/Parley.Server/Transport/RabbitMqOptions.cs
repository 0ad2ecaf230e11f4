using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Transport;

/// <summary><c>Parley:RabbitMq</c>: the broker between edge and core (roles <c>core</c> and <c>edge</c>).</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "Parley:RabbitMq";

    /// <summary><c>amqp://user:password@host:5672/vhost</c>, or <c>amqps://…:5671/…</c> for TLS. Take the password from a secret store or environment variable.</summary>
    public string? Uri { get; set; }

    /// <summary>With TLS: the broker certificate's name when it differs from the host in <see cref="Uri"/>.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>With TLS: a client certificate (PKCS#12) for brokers that authenticate clients by certificate.</summary>
    public string? TlsClientCertificatePath { get; set; }

    public string? TlsClientCertificatePassword { get; set; }

    /// <summary>How long an edge waits for the core's answer before telling the customer to retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
