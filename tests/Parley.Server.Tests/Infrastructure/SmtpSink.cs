using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>How a <see cref="SmtpSink"/> protects its connections.</summary>
public enum SmtpSinkSecurity
{
    /// <summary>Plain SMTP, no STARTTLS offered.</summary>
    None,

    /// <summary>Plain SMTP that offers STARTTLS with a self-signed certificate.</summary>
    StartTls,

    /// <summary>TLS from the first byte with a self-signed certificate.</summary>
    SslOnConnect,
}

/// <summary>
/// A real SMTP server on a free loopback port (the <c>SmtpServer</c> package) that keeps every message it accepts.
/// <see cref="StopAsync"/> and <see cref="Start"/> simulate an outage on the same port; <see cref="Refuse"/> makes it
/// answer 5xx for a recipient. <see cref="Settings"/> points a Parley server at it.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string From = "Parley Support <support@parley.test>";
    public const string ReplyTo = "replies@parley.test";

    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly SmtpSinkSecurity _security;
    private readonly (string User, string Password)? _account;
    private readonly X509Certificate2? _certificate;
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _running;
    private Task? _listening;

    /// <param name="account">When set, the sink requires this sign-in before it accepts mail.</param>
    public SmtpSink(SmtpSinkSecurity security = SmtpSinkSecurity.None, (string User, string Password)? account = null, bool start = true)
    {
        _security = security;
        _account = account;
        _certificate = security == SmtpSinkSecurity.None ? null : SelfSigned();
        Port = FreePort();
        if (start)
        {
            Start();
        }
    }

    public int Port { get; }

    /// <summary>SHA-256 of the self-signed certificate (for <c>Parley:Email:Smtp:CertificateFingerprint</c>).</summary>
    public string? CertificateFingerprint => _certificate?.GetCertHashString(HashAlgorithmName.SHA256);

    public IReadOnlyList<Received> Received => [.. _received];

    public IReadOnlyList<MimeMessage> Messages => [.. _received.Select(r => r.Message)];

    /// <summary>The settings that send a Parley server's mail here (no TLS check beyond the pinned certificate).</summary>
    public Dictionary<string, string?> Settings(string? security = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Email:Smtp:Host"] = "127.0.0.1",
            ["Parley:Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Parley:Email:Smtp:Security"] = security ?? _security.ToString(),
            ["Parley:Email:Smtp:From"] = From,
            ["Parley:Email:Smtp:ReplyTo"] = ReplyTo,
        };
        if (CertificateFingerprint is { } fingerprint)
        {
            settings["Parley:Email:Smtp:CertificateFingerprint"] = fingerprint;
        }

        if (_account is { } account)
        {
            settings["Parley:Email:Smtp:Username"] = account.User;
            settings["Parley:Email:Smtp:Password"] = account.Password;
        }

        return settings;
    }

    /// <summary>Answers 5xx to RCPT TO this address from now on (or no more, with <paramref name="refuse"/> false).</summary>
    public void Refuse(string address, bool refuse = true)
    {
        if (refuse)
        {
            _refused[address] = true;
        }
        else
        {
            _refused.TryRemove(address, out _);
        }
    }

    public void Start()
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The SMTP sink is running already.");
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(_security == SmtpSinkSecurity.SslOnConnect);
                if (_certificate is not null)
                {
                    endpoint.Certificate(_certificate);
                }

                if (_account is not null)
                {
                    endpoint.AuthenticationRequired().AllowUnsecureAuthentication();
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new RefusingFilter(this));
        if (_account is { } account)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => user == account.User && password == account.Password));
        }

        _server = new SmtpServer.SmtpServer(options, services);
        _running = new CancellationTokenSource();
        _listening = _server.StartAsync(_running.Token);
    }

    /// <summary>Stops listening: connections are refused until <see cref="Start"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _running!.CancelAsync();
        try
        {
            await _listening!;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _running.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _certificate?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so that the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            sink._received.Enqueue(new Received(message, [.. transaction.To.Select(to => to.AsAddress())], context.Pipe?.IsSecure == true));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class RefusingFilter(SmtpSink sink) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!sink._refused.ContainsKey(to.AsAddress()));
    }
}

/// <summary>A message the sink accepted, the envelope's recipients, and whether the connection was encrypted.</summary>
public sealed record Received(MimeMessage Message, IReadOnlyList<string> Recipients, bool Secure);
