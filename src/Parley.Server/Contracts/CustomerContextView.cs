namespace Parley.Server.Contracts;

/// <summary>
/// Who the customer of a chat is, as far as their browser said (the desk's customer panel,
/// <c>GET /api/v1/agent/conversations/{id}/customer-context</c>).
/// </summary>
/// <param name="Browser">Derived from the user agent: e.g. "Chrome 120", "Firefox 121", "Safari 17"; "Other" when not known.</param>
/// <param name="Os">Derived from the user agent: "Windows", "macOS", "iOS", "Android", "ChromeOS", "Linux" or "Other".</param>
/// <param name="TimeZone">The customer's IANA time zone, when the widget sent one.</param>
/// <param name="ReturningVisitor">
/// True only when the chat started with this browser's signed visitor token and earlier chats started with it too;
/// never from a typed name or e-mail.
/// </param>
/// <param name="EarlierChats">How many chats this visitor started before this one.</param>
/// <param name="LastChatAt">When the latest of those started.</param>
/// <param name="Visibility">Whether the customer has the page in front of them; null: the widget has not said since the chat started.</param>
/// <param name="VisibilitySince">Since when that is so (the core's clock).</param>
public sealed record CustomerContextView(
    Guid ConversationId,
    string? PageUrl,
    string? PageTitle,
    string? Referrer,
    string? UserAgent,
    string Browser,
    string Os,
    string? TimeZone,
    int? UtcOffsetMinutes,
    bool ReturningVisitor,
    int EarlierChats,
    DateTimeOffset? LastChatAt,
    PageVisibility? Visibility,
    DateTimeOffset? VisibilitySince);
