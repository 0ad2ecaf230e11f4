using Parley.Server.Transport;

namespace Parley.Server.Tests.Transport;

/// <summary>An edge's name names its broker queue (<c>parley.edge.NAME</c>): one rule, for the configuration and the broker.</summary>
public sealed class EdgeNameRuleTests
{
    [Theory]
    [InlineData("local")]
    [InlineData("edge-1")]
    [InlineData("0")]
    [InlineData("9-")]
    [InlineData("abcdefghij-abcdefghij-abcdefghij-abcdefg")] // 40
    public void A_valid_name_passes_the_rule_and_the_configuration(string name)
    {
        Assert.True(EdgeNameRule.IsValid(name));
        Assert.DoesNotContain(Failures(name), f => f.StartsWith("Parley:Edge:Name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-edge")]
    [InlineData("Edge")]
    [InlineData("edge_1")]
    [InlineData("edge.1")]
    [InlineData("edge 1")]
    [InlineData("edge-1\n")] // .NET's $ also matches before a final newline
    [InlineData("édge")]
    [InlineData("abcdefghij-abcdefghij-abcdefghij-abcdefgh")] // 41
    public void An_invalid_name_fails_the_rule_and_the_configuration(string? name)
    {
        Assert.False(EdgeNameRule.IsValid(name));
        Assert.Contains(Failures(name), f => f.StartsWith("Parley:Edge:Name", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Failures(string? name)
    {
        var result = new EdgeOptionsValidator().Validate(null, new EdgeOptions { Name = name! });
        return result.Failures ?? [];
    }
}
