using Parley.Server.CannedResponses;

namespace Parley.Server.Tests.CannedResponses;

public sealed class CannedResponseValidationTests
{
    [Theory]
    [InlineData("refund", "refund")]
    [InlineData(" /refund ", "refund")]
    [InlineData("order-status-2", "order-status-2")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnopqrstuvwxyz012345")]
    public void A_shortcut_of_lower_case_letters_digits_and_hyphens_is_kept(string shortcut, string stored) =>
        Assert.Equal(stored, CannedResponseValidation.Validate(new(shortcut, "Refund", "Text")).Valid?.Shortcut);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Refund")]
    [InlineData("re fund")]
    [InlineData("re_fund")]
    [InlineData("réfund")]
    [InlineData("<b>")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void Any_other_shortcut_is_refused(string? shortcut) =>
        Assert.Equal(["shortcut"], CannedResponseValidation.Validate(new(shortcut, "Refund", "Text")).Errors.Keys);

    [Fact]
    public void Title_and_text_follow_the_rules_of_forms_and_messages()
    {
        var (valid, errors) = CannedResponseValidation.Validate(new("ok", "two\nlines", new string('x', 4001), AttachmentId: Guid.Empty));
        var (_, empty) = CannedResponseValidation.Validate(new("ok", " ", " "));

        Assert.Null(valid);
        Assert.Equal(["attachmentId", "text", "title"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["text", "title"], empty.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["title"], CannedResponseValidation.Validate(new("ok", new string('t', 101), "x")).Errors.Keys);
    }

    [Fact]
    public void Html_in_the_text_is_kept_as_typed()
    {
        var text = "<img src=x onerror=alert(1)> Hello {customer.name}";

        Assert.Equal(text, CannedResponseValidation.Validate(new("html", "<b>Bold</b>", "  " + text + "\n")).Valid?.Text);
    }
}
