using Parley.Server.CannedResponses;

namespace Parley.Server.Tests.CannedResponses;

public sealed class CannedResponseExpansionTests
{
    private static readonly CannedResponseValues Chat = new("Ann Lee", "Bob Baker", "Customer support");

    [Fact]
    public void The_conversations_values_are_filled_in()
    {
        Assert.Equal(
            "Hello Ann Lee, this is Bob Baker of Customer support.",
            CannedResponseExpansion.Expand("Hello {customer.name}, this is {agent.name} of {queue.name}.", Chat));
    }

    [Theory]
    [InlineData("{customer.email}")]
    [InlineData("{Customer.Name}")]
    [InlineData("{ customer.name }")]
    [InlineData("{customer.name")]
    [InlineData("{}")]
    [InlineData("{?}")]
    [InlineData("{? }")]
    [InlineData("{{customer}}")]
    public void Anything_else_in_braces_stays_as_typed(string text) =>
        Assert.Equal(text, CannedResponseExpansion.Expand(text, Chat, new Dictionary<string, string> { [""] = "x" }));

    [Fact]
    public void Html_stays_text_and_is_never_interpreted()
    {
        var text = "<b>{customer.name}</b> <script>alert(1)</script>";

        Assert.Equal("<b>Ann Lee</b> <script>alert(1)</script>", CannedResponseExpansion.Expand(text, Chat));
    }

    [Fact]
    public void Prompts_are_listed_once_each_in_order_of_appearance()
    {
        var text = "Order {?Order number} ({? Order number }) ships on {?Ship date}; {customer.name}, order {?Order number}.";

        Assert.Equal(["Order number", "Ship date"], CannedResponseExpansion.Prompts(text));
        Assert.Empty(CannedResponseExpansion.Prompts("No prompts, {customer.name}, {?}, {?" + new string('x', 41) + "}"));
    }

    [Fact]
    public void Prompts_are_filled_with_the_agents_answers_and_an_unanswered_one_stays()
    {
        var answers = new Dictionary<string, string> { ["Order number"] = "A-1234" };

        Assert.Equal(
            "Refund for A-1234 (A-1234) on {?Date}.",
            CannedResponseExpansion.Expand("Refund for {?Order number} ({? Order number }) on {?Date}.", Chat, answers));
    }

    [Fact]
    public void What_is_filled_in_is_not_read_again_for_variables()
    {
        var answers = new Dictionary<string, string> { ["Note"] = "{agent.name} {?Note}" };
        var values = new CannedResponseValues("{queue.name}", "Bob", "Support");

        Assert.Equal("{queue.name} / {agent.name} {?Note}", CannedResponseExpansion.Expand("{customer.name} / {?Note}", values, answers));
    }

    [Fact]
    public void An_unknown_value_stays_as_typed() =>
        Assert.Equal("Hi {customer.name}, Bob here", CannedResponseExpansion.Expand("Hi {customer.name}, {agent.name} here", new(null, "Bob", null)));
}
