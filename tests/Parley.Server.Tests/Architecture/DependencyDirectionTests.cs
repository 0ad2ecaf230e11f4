using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Architecture;

/// <summary>
/// The server's feature folders depend in one direction only: each folder may use the folders listed before it in
/// <see cref="Layers"/> and none after it. docs/architecture.md shows the same order.
/// </summary>
public sealed class DependencyDirectionTests(ITestOutputHelper output)
{
    /// <summary>From the bottom (used by all) to the top (the composition, which uses all).</summary>
    public static readonly string[] Layers =
    [
        "Calendars",
        "Contracts",
        "Hosting",
        "Telemetry",
        "Storage",
        "Email",
        "Accounts",
        "Transport",
        "Queues",
        "RoutingHost",
        "Edges",
        "Files",
        "Conversations",
        "Customers",
        "Agents",
        "Reporting",
        "UrlCheck",
        "Audit",
        "CannedResponses",
        "Privacy",
        "Admin",
        "Demo",
        "Components",
        "Startup",
    ];

    private static readonly IReadOnlyDictionary<(string From, string To), string> Edges =
        FolderDependencies.Read(typeof(Parley.Server.Contracts.CoreRequest).Assembly);

    [Fact]
    public void No_folder_uses_a_folder_above_it()
    {
        var rank = Layers.Select((folder, i) => (folder, i)).ToDictionary(x => x.folder, x => x.i);
        var backEdges = Edges
            .Where(e => rank.ContainsKey(e.Key.From) && rank.ContainsKey(e.Key.To) && rank[e.Key.To] > rank[e.Key.From])
            .Select(e => $"{e.Key.From} → {e.Key.To}: {e.Value}")
            .Order()
            .ToList();
        foreach (var edge in Edges.OrderBy(e => e.Key))
        {
            output.WriteLine($"{edge.Key.From} → {edge.Key.To}: {edge.Value}");
        }

        Assert.True(backEdges.Count == 0, "Back-edges (a folder using one above it):\n" + string.Join('\n', backEdges));
    }

    [Fact]
    public void Every_folder_has_its_place_in_the_order()
    {
        var folders = typeof(Parley.Server.Contracts.CoreRequest).Assembly.GetTypes()
            .Select(FolderDependencies.FolderOf)
            .OfType<string>()
            .Distinct()
            .Order()
            .ToList();
        Assert.Equal(Layers.Order(), folders);
    }

    [Fact]
    public void The_reader_sees_a_use_inside_a_method_body()
    {
        // The reader must not miss what only a method body names (a static call, a new), or the guard is hollow.
        Assert.Contains(("Startup", "Storage"), Edges.Keys);
        Assert.Contains(("Conversations", "Storage"), Edges.Keys);
    }

    [Fact]
    public void The_architecture_document_shows_the_same_order()
    {
        var document = File.ReadAllText(Path.Combine(Broker.RepositoryRoot, "docs", "architecture.md"));
        var line = document.Split('\n').Single(l => l.StartsWith("Dependency order: ", StringComparison.Ordinal));
        Assert.Equal(string.Join(" → ", Layers.Select(l => $"`{l}`")), line["Dependency order: ".Length..].Trim().TrimEnd('.'));
    }
}
