using Parley.Server.UrlCheck;
using Parley.Server.Tests.Edges;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.UrlCheck;

/// <summary>
/// The External URL check pointed straight at Parley servers, no proxy: at a core or an all-in-one server (the worst
/// mistake: the agent/admin side on the internet) it names every internal path that answers; at an edge it is valid.
/// </summary>
public sealed class UrlCheckAgainstServersTests
{
    private const string NoBroker = "amqp://nobody:nothing@127.0.0.1:1/parley";
    private static readonly ProbeSigner Signer = new(Convert.FromBase64String(RoleTests.InstallationKey));

    [Fact]
    public async Task Pointed_at_a_core_the_check_names_every_internal_path_that_answers_there()
    {
        await using var core = new ParleyServer(settings: Core());
        using var checker = new UrlChecker(Signer, TimeSpan.FromSeconds(10));

        var result = await checker.CheckAsync(core.BaseAddress);

        Assert.Equal(UrlCheckOutcome.Invalid, result.Outcome);
        Assert.Equal("The URL reaches a web server, but not a Parley edge: /.well-known/parley/probe answered 404 Not Found.", result.Reasons[0]);
        Assert.Contains(result.Reasons, r => r.StartsWith("The agent/admin side answers at this URL", StringComparison.Ordinal));
        AssertEveryInternalPathIsNamed(result);
        Assert.Contains("Internal path /agent answers 302 Found through the external URL — the agent desktop is published.", result.Reasons);
        Assert.Contains("Internal path /healthz answers 200 OK through the external URL — the health report is published.", result.Reasons);
        Assert.DoesNotContain(result.Reasons, r => r.Contains("WebSocket", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pointed_at_an_all_in_one_server_the_check_names_every_internal_path_that_answers_there()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:InstallationKey"] = RoleTests.InstallationKey });
        using var checker = new UrlChecker(Signer, TimeSpan.FromSeconds(10));

        var result = await checker.CheckAsync(server.BaseAddress);

        // It is an edge of this installation too (it serves customers), so the probe and the WebSocket pass.
        Assert.Equal(UrlCheckOutcome.Invalid, result.Outcome);
        Assert.Equal("local", result.EdgeName);
        AssertEveryInternalPathIsNamed(result);
        Assert.Contains("Internal path /admin answers 302 Found through the external URL — the admin pages are published.", result.Reasons);
        Assert.DoesNotContain(result.Reasons, r => r.Contains("not a Parley edge", StringComparison.Ordinal) || r.Contains("WebSocket", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pointed_straight_at_an_edge_the_check_is_valid_because_an_edge_answers_no_internal_path()
    {
        await using var edge = new ParleyServer(settings: RoleTests.Edge());
        using var checker = new UrlChecker(Signer, TimeSpan.FromSeconds(10));

        var result = await checker.CheckAsync(edge.BaseAddress);

        Assert.True(result.Outcome == UrlCheckOutcome.Valid, string.Join(Environment.NewLine, result.Reasons));
        Assert.Equal("edge-1", result.EdgeName);
    }

    [Fact]
    public async Task The_check_url_verb_pointed_at_a_core_exits_1_and_prints_what_is_published()
    {
        await using var core = new ParleyServer(settings: Core());
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CheckUrlCommand.RunAsync([core.BaseAddress.ToString(), $"--Parley:InstallationKey={RoleTests.InstallationKey}", "--timeout", "10"], output, error);

        Assert.True(exit == CheckUrlCommand.Invalid, output.ToString() + error);
        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal($"✖ invalid: {core.BaseAddress}", lines[0]);
        Assert.Contains("  - Internal path /agent answers 302 Found through the external URL — the agent desktop is published.", lines);
        Assert.Contains("  - Internal path /admin answers 302 Found through the external URL — the admin pages are published.", lines);
    }

    private static void AssertEveryInternalPathIsNamed(UrlCheckResult result)
    {
        var named = result.Reasons.Where(r => r.StartsWith("Internal path /", StringComparison.Ordinal))
            .Select(r => r["Internal path /".Length..r.IndexOf(" answers ", StringComparison.Ordinal)].Split(' ')[0])
            .Order();
        Assert.Equal(UrlChecker.InternalPaths.Select(p => p.Path).Order(), named);
    }

    private static Dictionary<string, string?> Core() => new()
    {
        ["Parley:Role"] = "core",
        ["Parley:InstallationKey"] = RoleTests.InstallationKey,
        ["Parley:RabbitMq:Uri"] = NoBroker,
    };
}
