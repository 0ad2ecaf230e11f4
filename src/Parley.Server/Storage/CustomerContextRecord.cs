namespace Parley.Server.Storage;

/// <summary>
/// What the widget said about the customer's page and browser when the chat started (bounded before it gets here),
/// kept with the conversation as JSON: read whole, never queried inside. Browser and system names are derived on reading.
/// </summary>
public sealed class CustomerContextRecord
{
    public string? PageUrl { get; init; }
    public string? PageTitle { get; init; }
    public string? Referrer { get; init; }
    public string? UserAgent { get; init; }
    public List<string>? Brands { get; init; }
    public string? Platform { get; init; }
    public int? UtcOffsetMinutes { get; init; }
}
