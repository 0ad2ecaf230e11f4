using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Transport;

/// <summary>The wire format of every transport: the contracts must survive it, so the in-process one uses it too.</summary>
public static class TransportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
