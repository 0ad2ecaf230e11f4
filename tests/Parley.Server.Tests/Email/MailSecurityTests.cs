using Parley.Server.Email;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary>
/// <c>Parley:Email:Smtp:Security</c> against a real SMTP server with a self-signed certificate: STARTTLS and TLS on
/// connect encrypt, a certificate is trusted only when valid or pinned, and STARTTLS is never silently dropped.
/// </summary>
public sealed class MailSecurityTests
{
    [Theory]
    [InlineData(SmtpSinkSecurity.StartTls)]
    [InlineData(SmtpSinkSecurity.SslOnConnect)]
    public async Task Mail_goes_over_TLS_to_a_server_whose_certificate_is_pinned(SmtpSinkSecurity security)
    {
        await using var sink = new SmtpSink(security, account: ("parley", "smtp-secret-1"));
        await using var server = new ParleyServer(settings: sink.Settings());

        await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Secure", "Text"));

        var received = Assert.Single(await sink.ReceivedAsync(1));
        Assert.True(received.Secure, "The mail went over an unencrypted connection.");
    }

    [Theory]
    [InlineData(SmtpSinkSecurity.StartTls)]
    [InlineData(SmtpSinkSecurity.SslOnConnect)]
    public async Task A_certificate_that_is_neither_valid_nor_pinned_is_refused_and_the_mail_waits(SmtpSinkSecurity security)
    {
        await using var sink = new SmtpSink(security);
        var settings = sink.Settings();
        settings.Remove("Parley:Email:Smtp:CertificateFingerprint");
        await using var server = new ParleyServer(settings: settings);

        var id = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Secure", "Text"));

        var mail = await server.MailWhenAsync(await server.LoginAsync("admin"), id, m => m.Status == MailStatus.Retrying, "the mail retrying");
        Assert.Contains("certificate", mail.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(sink.Received);
    }

    [Fact]
    public async Task StartTls_against_a_server_that_does_not_offer_it_sends_nothing_in_the_clear()
    {
        await using var sink = new SmtpSink(SmtpSinkSecurity.None);
        await using var server = new ParleyServer(settings: sink.Settings(security: "StartTls"));

        var id = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Secure", "Text"));

        var mail = await server.MailWhenAsync(await server.LoginAsync("admin"), id, m => m.Status == MailStatus.Retrying, "the mail retrying");
        Assert.Contains("STARTTLS", mail.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(sink.Received);
    }

    [Fact]
    public async Task A_wrong_password_is_retried_and_never_shown()
    {
        await using var sink = new SmtpSink(account: ("parley", "right-password"));
        var settings = sink.Settings();
        settings["Parley:Email:Smtp:Password"] = "wrong-password-Zx81";
        await using var server = new ParleyServer(settings: settings);
        var admin = await server.LoginAsync("admin");

        var id = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Hi", "Text"));

        var mail = await server.MailWhenAsync(admin, id, m => m.Status == MailStatus.Retrying, "the mail retrying");
        Assert.DoesNotContain("wrong-password-Zx81", mail.LastError, StringComparison.Ordinal);
        Assert.Empty(sink.Received);
    }

    [Theory]
    [InlineData("None", 25)]
    [InlineData("StartTls", 587)]
    [InlineData("SslOnConnect", 465)]
    public void Each_security_has_its_usual_port(string security, int port)
    {
        var options = new EmailOptions { Host = "mail.example.com", Security = Enum.Parse<SmtpSecurity>(security), From = "a@example.com" };

        Assert.Equal(port, options.EffectivePort);
        Assert.True(new EmailOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void StartTls_is_the_default()
    {
        Assert.Equal(SmtpSecurity.StartTls, new EmailOptions().Security);
    }

    [Fact]
    public void Settings_that_cannot_send_stop_the_server_at_start_naming_each_setting_but_never_the_password()
    {
        var e = Assert.ThrowsAny<Exception>(() => new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Email:Smtp:Host"] = "mail.example.com",
            ["Parley:Email:Smtp:Port"] = "70000",
            ["Parley:Email:Smtp:From"] = "not an address",
            ["Parley:Email:Smtp:ReplyTo"] = "nobody",
            ["Parley:Email:Smtp:Password"] = "orphan-secret-Qw3",
            ["Parley:Email:Smtp:CertificateFingerprint"] = "abc",
            ["Parley:Email:Outbox:FirstRetryDelay"] = "00:00:00",
        }));
        var messages = e.ToString();

        Assert.Contains("Parley:Email:Smtp:Port", messages, StringComparison.Ordinal);
        Assert.Contains("Parley:Email:Smtp:From", messages, StringComparison.Ordinal);
        Assert.Contains("Parley:Email:Smtp:ReplyTo", messages, StringComparison.Ordinal);
        Assert.Contains("Parley:Email:Smtp:Password is set without a Username", messages, StringComparison.Ordinal);
        Assert.Contains("Parley:Email:Smtp:CertificateFingerprint", messages, StringComparison.Ordinal);
        Assert.Contains("Parley:Email:Outbox: ", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("orphan-secret-Qw3", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_security_stops_the_server_at_start()
    {
        var e = Assert.ThrowsAny<Exception>(() => new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Email:Smtp:Host"] = "mail.example.com",
            ["Parley:Email:Smtp:Security"] = "Tls",
            ["Parley:Email:Smtp:From"] = "support@example.com",
        }));

        Assert.Contains("Parley:Email:Smtp:Security", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_host_e_mail_is_off_and_nothing_else_is_required()
    {
        Assert.True(new EmailOptionsValidator().Validate(null, new EmailOptions()).Succeeded);
        Assert.False(new EmailOptions { Host = " " }.IsConfigured);
    }
}
