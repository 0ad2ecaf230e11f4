using System.Text.Json;

namespace Parley.Server.Audit;

/// <summary>What an entry changed, field by field: the top-level fields whose JSON differs before and after.</summary>
public static class AuditChange
{
    public sealed record Field(string Name, string? Before, string? After);

    /// <summary>The changed fields in the order the definition has them; every field of a created or deleted subject.</summary>
    public static IReadOnlyList<Field> Fields(JsonElement? before, JsonElement? after)
    {
        var old = Properties(before);
        var now = Properties(after);
        var names = old.Keys.Concat(now.Keys).Distinct(StringComparer.Ordinal);
        return [.. names
            .Select(name => new Field(name, old.GetValueOrDefault(name), now.GetValueOrDefault(name)))
            .Where(f => f.Before != f.After)];
    }

    private static Dictionary<string, string?> Properties(JsonElement? element)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } value)
        {
            foreach (var property in value.EnumerateObject())
            {
                properties[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => property.Value.GetString(),
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return properties;
    }
}
