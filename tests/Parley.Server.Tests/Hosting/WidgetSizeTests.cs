using System.IO.Compression;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>The widget is one script on every page of a customer's site: it stays under 35 KB gzipped (issue 18).</summary>
public sealed class WidgetSizeTests
{
    private const int Budget = 35 * 1024;

    [Fact]
    public void The_built_widget_stays_under_35_KB_gzipped()
    {
        var widget = File.ReadAllBytes(Path.Combine(Broker.RepositoryRoot, "src", "Parley.Server", "wwwroot", "widget.js"));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(widget);
        }

        Assert.True(compressed.Length < Budget, $"widget.js is {compressed.Length:N0} bytes gzipped; the budget is {Budget:N0}.");
    }
}
