using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Server.Admin;
using Parley.Server.Calendars;
using Parley.Server.Hosting;

namespace Parley.Server.Startup;

/// <summary>
/// <c>Parley:Calendars</c>: business calendars defined in configuration, written to the database at start-up like
/// configured queues. Each entry has the admin API's JSON shape (<c>Parley:Calendars:0:Weekly:0:Open = 09:00</c>), so
/// it is read through the same JSON reader and checked with the same rules; a failure names the setting.
/// </summary>
public static class ConfiguredCalendars
{
    public const string Section = "Parley:Calendars";

    /// <summary>The configured calendars; throws <see cref="OptionsValidationException"/> naming every invalid setting.</summary>
    public static IReadOnlyList<CalendarDefinition> Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var calendars = new List<CalendarDefinition>();
        var failures = new List<string>();
        foreach (var (entry, i) in configuration.GetSection(Section).GetChildren().Select((c, i) => (c, i)))
        {
            var prefix = $"{Section}:{i}";
            CalendarDefinition? calendar;
            try
            {
                calendar = ToJson(entry).Deserialize<CalendarDefinition>(JsonSerializerOptions.Web);
            }
            catch (JsonException e)
            {
                failures.Add($"{AdminValidation.ToConfigurationPath(prefix, e.Path?.TrimStart('$', '.') ?? "")}: {e.Message}");
                continue;
            }

            if (calendar is null)
            {
                failures.Add($"{prefix}: Empty entry.");
                continue;
            }

            failures.AddRange(QueuesAndAgentsOptionsValidator.Describe(prefix, CalendarValidation.Validate(calendar)));
            calendars.Add(calendar);
        }

        failures.AddRange(ConfiguredList.Duplicates(calendars.Select(c => c.Name), Section, "calendar"));
        return failures.Count == 0 ? calendars : throw new OptionsValidationException(Section, typeof(CalendarDefinition), failures);
    }

    /// <summary>A configuration section as JSON: children keyed 0, 1, … are an array, other children an object, values strings.</summary>
    private static JsonNode? ToJson(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is null ? null : JsonValue.Create(section.Value);
        }

        if (children.All(c => int.TryParse(c.Key, out _)))
        {
            return new JsonArray([.. children.OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(ToJson)]);
        }

        var node = new JsonObject();
        foreach (var child in children)
        {
            // Configuration keys are PascalCase or camelCase; the JSON reader matches names ignoring case.
            node[child.Key] = ToJson(child);
        }

        return node;
    }
}
