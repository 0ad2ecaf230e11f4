using Microsoft.Extensions.Logging.Abstractions;
using Parley.Server.Transport;
using Parley.Server.Transport.RabbitMq;
using RabbitMQ.Client;

namespace Parley.Server.Tests.Transport;

/// <summary>How Parley:RabbitMq becomes a RabbitMQ.Client connection (TLS is configured here, not tested against a broker).</summary>
public sealed class RabbitMqConnectionSettingsTests
{
    [Fact]
    public void An_amqp_uri_connects_without_tls_as_its_user_to_its_virtual_host()
    {
        var factory = RabbitMqConnection.CreateFactory(new RabbitMqOptions { Uri = "amqp://parley-core:s3cret@broker.internal:5673/parley" }, "core");

        Assert.False(factory.Ssl.Enabled);
        Assert.Equal(("broker.internal", 5673, "parley", "parley-core", "s3cret"), (factory.HostName, factory.Port, factory.VirtualHost, factory.UserName, factory.Password));
        Assert.Equal("parley core", factory.ClientProvidedName);
    }

    [Fact]
    public void Connections_and_their_queues_bindings_and_consumers_are_restored_after_a_loss()
    {
        var factory = RabbitMqConnection.CreateFactory(new RabbitMqOptions { Uri = "amqp://u:p@localhost/parley" }, "core");

        Assert.True(factory.AutomaticRecoveryEnabled);
        Assert.True(factory.TopologyRecoveryEnabled);
        Assert.InRange(factory.NetworkRecoveryInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_amqps_uri_turns_tls_on_and_checks_the_certificate_against_the_uri_host()
    {
        var factory = RabbitMqConnection.CreateFactory(new RabbitMqOptions { Uri = "amqps://edge:pw@broker.example.com/parley" }, "edge a");

        Assert.True(factory.Ssl.Enabled);
        Assert.Equal("broker.example.com", factory.Ssl.ServerName);
        Assert.Equal(5671, factory.Port);
        Assert.True(string.IsNullOrEmpty(factory.Ssl.CertPath));
    }

    [Fact]
    public void The_tls_server_name_replaces_the_uri_host_for_the_certificate_check()
    {
        var factory = RabbitMqConnection.CreateFactory(
            new RabbitMqOptions { Uri = "amqps://edge:pw@10.0.0.5:5671/parley", TlsServerName = "broker.example.com" }, "edge a");

        Assert.Equal("broker.example.com", factory.Ssl.ServerName);
    }

    [Fact]
    public void A_client_certificate_without_a_user_in_the_uri_authenticates_by_the_certificate()
    {
        var options = new RabbitMqOptions
        {
            Uri = "amqps://broker.example.com/parley",
            TlsClientCertificatePath = "/etc/parley/edge.p12",
            TlsClientCertificatePassword = "pfx-password",
        };

        var factory = RabbitMqConnection.CreateFactory(options, "edge a");

        Assert.Equal("/etc/parley/edge.p12", factory.Ssl.CertPath);
        Assert.Equal("pfx-password", factory.Ssl.CertPassphrase);
        Assert.IsType<ExternalMechanismFactory>(Assert.Single(factory.AuthMechanisms));
        Assert.Null(new RabbitMqConnection(options, "edge a", NullLogger.Instance).UserId); // no user-id on its messages then
    }

    [Fact]
    public void A_client_certificate_with_a_user_in_the_uri_still_signs_in_with_the_password()
    {
        var options = new RabbitMqOptions { Uri = "amqps://edge:pw@broker.example.com/parley", TlsClientCertificatePath = "/etc/parley/edge.p12" };

        var factory = RabbitMqConnection.CreateFactory(options, "edge a");

        Assert.DoesNotContain(factory.AuthMechanisms, m => m is ExternalMechanismFactory);
        Assert.Equal("edge", new RabbitMqConnection(options, "edge a", NullLogger.Instance).UserId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://broker/parley")]
    [InlineData("broker:5672")]
    public void Anything_but_an_amqp_or_amqps_uri_is_refused(string? uri)
    {
        Assert.Throws<ArgumentException>(() => RabbitMqConnection.CreateFactory(new RabbitMqOptions { Uri = uri }, "core"));
    }

    [Theory]
    [InlineData("Edge-1")]
    [InlineData("-edge")]
    [InlineData("edge.1")]
    [InlineData("")]
    public void An_edge_name_that_could_not_name_its_queue_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new RabbitMqEdgeTransport(new RabbitMqOptions { Uri = "amqp://localhost/" }, name, NullLoggerFactory.Instance));
    }
}
