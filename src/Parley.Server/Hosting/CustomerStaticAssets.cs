using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.Primitives;

namespace Parley.Server.Hosting;

/// <summary>
/// What an edge serves of the static web assets: the demo page, the widget and their files, each with the
/// platform's precompression, ETag and caching — and none of the desk's (its CSS, script or Blazor's framework).
/// </summary>
public static class CustomerStaticAssets
{
    /// <summary>The customer's files, as named in wwwroot. Their .br and .gz twins and fingerprinted routes follow.</summary>
    public static readonly IReadOnlySet<string> Files = new HashSet<string>(StringComparer.Ordinal)
    {
        "index.html", "demo.css", "demo.js", "favicon.svg", "widget.js", "widget.js.map",
    };

    /// <summary>Maps the static assets, keeping only the customer's files.</summary>
    public static IEndpointRouteBuilder MapCustomerStaticAssets(this IEndpointRouteBuilder endpoints)
    {
        var before = endpoints.DataSources.ToHashSet();
        endpoints.MapStaticAssets();
        var all = endpoints.DataSources.Single(d => !before.Contains(d));
        endpoints.DataSources.Remove(all);
        endpoints.DataSources.Add(new CustomerOnly(all));
        return endpoints;
    }

    public static bool IsCustomerFile(string assetPath) =>
        Files.Contains(Path.GetExtension(assetPath) is ".br" or ".gz" ? assetPath[..^Path.GetExtension(assetPath).Length] : assetPath);

    private sealed class CustomerOnly(EndpointDataSource all) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints =>
            [.. all.Endpoints.Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is { } asset && IsCustomerFile(asset.AssetPath))];

        public override IChangeToken GetChangeToken() => all.GetChangeToken();
    }
}
