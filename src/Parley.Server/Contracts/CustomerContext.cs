namespace Parley.Server.Contracts;

/// <summary>
/// What the widget tells about the customer's page and browser when a chat starts. Every field is optional and only a
/// hint: the edge and the core bound it (<c>CustomerContextBounds</c>) and never refuse a start because of it.
/// </summary>
/// <param name="PageUrl">The page the chat started on (http or https).</param>
/// <param name="PageTitle">That page's title.</param>
/// <param name="Referrer">The page the customer came from (http or https).</param>
/// <param name="UserAgent">The browser's user agent string.</param>
/// <param name="Brands">From <c>navigator.userAgentData</c> where the browser has it: "brand version", e.g. "Google Chrome 120".</param>
/// <param name="Platform">From <c>navigator.userAgentData</c>: e.g. "Windows", "macOS", "Android".</param>
/// <param name="UtcOffsetMinutes">The customer's offset from UTC now, in minutes (east positive: +60 in Paris in winter).</param>
public sealed record CustomerContext(
    string? PageUrl = null,
    string? PageTitle = null,
    string? Referrer = null,
    string? UserAgent = null,
    IReadOnlyList<string>? Brands = null,
    string? Platform = null,
    int? UtcOffsetMinutes = null);
