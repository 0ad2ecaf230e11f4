namespace Parley.Server.Email;

/// <summary>One page of the outbox, newest first.</summary>
/// <param name="Total">How many mails match the filter on all pages.</param>
/// <param name="Configured">Whether SMTP is configured: without it every mail stays pending.</param>
public sealed record MailPage(IReadOnlyList<MailView> Items, int Page, int PageSize, int Total, bool Configured);
