using Parley.Server.Conversations;

namespace Parley.Server.Tests.Conversations;

public sealed class MessageTextTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("  hello \n", "hello")]
    [InlineData("<b>bold</b>", "<b>bold</b>")]
    public void Text_is_trimmed_and_otherwise_kept_as_written(string input, string stored) =>
        Assert.Equal((stored, null), MessageText.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n ")]
    public void Empty_text_is_refused(string? input) =>
        Assert.Equal((null, "The message is empty."), MessageText.Normalize(input));

    [Fact]
    public void Text_longer_than_4000_characters_is_refused_after_trimming()
    {
        Assert.NotNull(MessageText.Normalize(new string('a', 4000)).Text);
        Assert.NotNull(MessageText.Normalize(" " + new string('a', 4000) + " ").Text);
        Assert.Equal("The message is longer than 4,000 characters.", MessageText.Normalize(new string('a', 4001)).Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_client_message_id_is_required(string? id) => Assert.NotNull(MessageText.CheckClientMessageId(id));

    [Fact]
    public void A_client_message_id_is_at_most_64_characters()
    {
        Assert.Null(MessageText.CheckClientMessageId(Guid.NewGuid().ToString()));
        Assert.NotNull(MessageText.CheckClientMessageId(new string('a', 65)));
    }
}
