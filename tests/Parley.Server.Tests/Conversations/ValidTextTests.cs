using Parley.Server.Conversations;

namespace Parley.Server.Tests.Conversations;

/// <summary>The one "valid text" rule: every real character passes, U+0000 and broken surrogates do not.</summary>
public sealed class ValidTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Hello")]
    [InlineData("Grüße, 你好, مرحبا")]
    [InlineData("Thanks 👍🏽")]
    [InlineData("tab\tand\nnew line")]
    [InlineData(null)]
    public void Real_text_is_valid(string? text) => Assert.True(ValidText.Is(text));

    [Fact]
    public void NUL_and_unpaired_surrogates_are_not()
    {
        // Built here, not in InlineData: xUnit would turn a lone surrogate into U+FFFD on its way to the test.
        string[] broken = ["a\0b", "\0", "\ud800", "a\udc00b", "\udc00\ud800", "end\ud83d", "\ud83d\ud83d\udc4d"[..1] + "x"];

        Assert.All(broken, text => Assert.False(ValidText.Is(text), $"accepted U+{string.Join(" U+", text.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)))}"));
    }

    [Fact]
    public void Message_text_and_clientMessageId_use_the_rule()
    {
        Assert.Equal(ValidText.Error, MessageText.Normalize("hi\0").Error);
        Assert.NotNull(MessageText.CheckClientMessageId("id\ud800"));
        Assert.Null(MessageText.CheckClientMessageId(Guid.NewGuid().ToString()));
    }
}
