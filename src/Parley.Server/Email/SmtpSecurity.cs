namespace Parley.Server.Email;

/// <summary>How the connection to the mail server is protected (<c>Parley:Email:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP, even if the server offers STARTTLS: only for a relay on the same host or network.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS before anything is sent; a server that does not offer it is an error (never a silent downgrade). Port 587 by default.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS). Port 465 by default.</summary>
    SslOnConnect,
}
