using System.Text.RegularExpressions;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Docs;

/// <summary>Every document the repository points at exists: the README's and the docs' links, and docs/… named in build files.</summary>
public sealed partial class DocumentLinkTests
{
    public static TheoryData<string> Files() =>
    [
        "README.md", "Directory.Packages.props", "Directory.Build.props", "src/Parley.Server/Parley.Server.csproj",
        .. Directory.GetFiles(Path.Combine(Broker.RepositoryRoot, "docs"), "*.md").Select(f => Path.GetRelativePath(Broker.RepositoryRoot, f)),
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_document_a_file_points_at_exists(string file)
    {
        var path = Path.Combine(Broker.RepositoryRoot, file);
        var text = File.ReadAllText(path);
        var targets = MarkdownLink().Matches(text).Select(m => Path.Combine(Path.GetDirectoryName(path)!, m.Groups[1].Value))
            .Concat(DocsPath().Matches(text).Select(m => Path.Combine(Broker.RepositoryRoot, m.Value)));

        Assert.Empty(targets.Where(t => !File.Exists(t) && !Directory.Exists(t)).Select(t => Path.GetRelativePath(Broker.RepositoryRoot, t)).Distinct());
    }

    /// <summary>A relative Markdown link's path, without its #fragment: <c>[x](docs/api.md#y)</c>.</summary>
    [GeneratedRegex(@"\]\((?!https?:|mailto:|#)([^)#\s]+)(?:#[^)]*)?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?<![\w/.])docs/[\w.-]+\.md")]
    private static partial Regex DocsPath();
}
