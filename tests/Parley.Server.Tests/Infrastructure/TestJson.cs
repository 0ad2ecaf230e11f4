using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Tests.Infrastructure;

public static class TestJson
{
    /// <summary>The API's JSON: camelCase, enums as camelCase strings.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
