namespace Parley.Server.Storage;

/// <summary>Where an outbox mail stands (docs/workflows.md, "E-mail").</summary>
public enum MailStatus
{
    /// <summary>Waiting for its first attempt (or for SMTP to be configured).</summary>
    Pending,

    /// <summary>An attempt failed for a reason that may pass (connection, 4xx, sign-in): tried again after a back-off.</summary>
    Retrying,

    /// <summary>The mail server accepted it.</summary>
    Sent,

    /// <summary>The mail server refused this mail for good (5xx for the recipient or the message): not tried again unless an admin retries it.</summary>
    Failed,
}
