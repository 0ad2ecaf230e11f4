namespace Parley.Server.Email;

/// <summary>
/// <c>Parley:Email:Smtp</c>: the mail server the outbox sends through. Without a <see cref="Host"/> e-mail is not
/// configured: mail is still written to the outbox and waits there (status <c>pending</c>) until it is.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Parley:Email:Smtp";

    public string? Host { get; set; }

    /// <summary>25 for <see cref="SmtpSecurity.None"/>, 587 for StartTls and 465 for SslOnConnect when not set.</summary>
    public int? Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Signs in when set (with <see cref="Password"/>).</summary>
    public string? Username { get; set; }

    /// <summary>A secret: from an environment variable or a secret store, never a committed file; never logged or shown.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, <c>support@example.com</c> or <c>Example Support &lt;support@example.com&gt;</c>. Required with a host.</summary>
    public string? From { get; set; }

    /// <summary>Where replies go when a mail names no Reply-To of its own.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>
    /// The SHA-256 fingerprint (hex) of a mail server's certificate to trust although no authority signed it (a relay with
    /// a self-signed certificate). Any other certificate must be valid as usual.
    /// </summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>How long one connection, sign-in or send may take before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? Security switch
    {
        SmtpSecurity.SslOnConnect => 465,
        SmtpSecurity.StartTls => 587,
        _ => 25,
    };
}
