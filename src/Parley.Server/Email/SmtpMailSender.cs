using System.Net.Security;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Server.Storage;

namespace Parley.Server.Email;

/// <summary>MailKit's SMTP client, set up from <see cref="EmailOptions"/>, and the MIME message an outbox row becomes.</summary>
internal sealed class SmtpMailSender(IOptions<EmailOptions> options)
{
    /// <summary>A connected (and, with a user name, signed-in) client; the caller disposes it.</summary>
    public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        if (settings.CertificateFingerprint is { } fingerprint)
        {
            var pinned = EmailOptionsValidator.NormalizeFingerprint(fingerprint);
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase);
        }

        try
        {
            await client.ConnectAsync(settings.Host!, settings.EffectivePort, Secure(settings.Security), cancellationToken);
            if (!string.IsNullOrWhiteSpace(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The message for an outbox row: both parts, the configured sender and Reply-To (unless the mail names its own), and a
    /// Message-Id made from the row, so a mail sent twice (at-least-once, see docs/workflows.md) carries the same id.
    /// </summary>
    public static MimeMessage Compose(MailRecord mail, EmailOptions settings)
    {
        var from = MailboxAddress.Parse(settings.From!);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.To));
        if ((mail.ReplyTo ?? settings.ReplyTo) is { Length: > 0 } replyTo)
        {
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        message.Subject = mail.Subject;
        message.Date = mail.CreatedAt;
        message.MessageId = $"parley.{mail.Id}.{mail.CreatedAt.UtcTicks}@{from.Domain}";
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }

    /// <summary>
    /// A refusal that retrying cannot change: the mail server answered 5xx for this recipient or this message, or the
    /// stored mail cannot be made into a message. Everything else (no connection, TLS, sign-in, 4xx, a refused sender,
    /// a time-out) may pass and is retried.
    /// </summary>
    public static bool IsPermanent(Exception failure) => failure switch
    {
        SmtpCommandException command => (int)command.StatusCode >= 500 && command.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted,
        ParseException => true,
        _ => false,
    };

    private static SecureSocketOptions Secure(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
