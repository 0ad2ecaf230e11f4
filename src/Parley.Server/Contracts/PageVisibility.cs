using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Contracts;

/// <summary>
/// Whether the customer still has the page with the chat in front of them, as their browser says:
/// JSON <c>"visible"</c> | <c>"hidden"</c> (another tab, minimised) | <c>"left"</c> (the page was closed or navigated away).
/// </summary>
[JsonConverter(typeof(PageVisibilityJsonConverter))]
public enum PageVisibility
{
    Visible,
    Hidden,
    Left,
}

public sealed class PageVisibilityJsonConverter() : JsonStringEnumConverter<PageVisibility>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
