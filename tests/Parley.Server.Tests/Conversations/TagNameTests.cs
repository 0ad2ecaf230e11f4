using Parley.Server.Conversations;

namespace Parley.Server.Tests.Conversations;

public sealed class TagNameTests
{
    [Theory]
    [InlineData("  VIP ", "vip")]
    [InlineData("Order_42", "order_42")]
    [InlineData("très-urgent", "très-urgent")]
    [InlineData("ÉTÉ 2026", "été 2026")]
    [InlineData("a", "a")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnopqrstuvwxyz012345")]
    public void A_tag_is_trimmed_and_lower_case(string typed, string stored) => Assert.Equal(stored, TagName.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<b>x</b>")]
    [InlineData("a\"onmouseover=x")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("semi;colon")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void Anything_else_is_not_a_tag(string? typed) => Assert.Null(TagName.Normalize(typed));
}

public sealed class WrapUpRulesTests
{
    private static readonly List<Parley.Server.Storage.WrapUpCodeRecord> Codes =
        [new() { Code = "resolved", Label = "Resolved" }, new() { Code = "refund", Label = "Refund" }];

    [Fact]
    public void A_required_code_refuses_a_close_without_one_only_where_the_queue_has_codes()
    {
        Assert.NotNull(WrapUpRules.CheckClose(required: true, Codes, chosen: null));
        Assert.Null(WrapUpRules.CheckClose(required: true, Codes, chosen: "refund"));
        Assert.Null(WrapUpRules.CheckClose(required: false, Codes, chosen: null));
        Assert.Null(WrapUpRules.CheckClose(required: true, [], chosen: null));
    }

    [Fact]
    public void A_chosen_code_is_one_of_the_queues_exactly()
    {
        Assert.Null(WrapUpRules.CheckChoice(Codes, "refund"));
        Assert.NotNull(WrapUpRules.CheckChoice(Codes, "Refund"));
        Assert.NotNull(WrapUpRules.CheckChoice(Codes, null));
        Assert.NotNull(WrapUpRules.CheckChoice([], "refund"));
    }

    [Theory]
    [InlineData("refund", true)]
    [InlineData("no_answer-2", true)]
    [InlineData("Refund", false)]
    [InlineData("-refund", false)]
    [InlineData("", false)]
    [InlineData("<b>", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", false)]
    public void A_code_is_lower_case_letters_digits_dashes_and_underscores(string code, bool valid) => Assert.Equal(valid, WrapUpRules.IsCode(code));
}
