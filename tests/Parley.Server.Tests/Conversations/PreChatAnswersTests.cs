using Parley.Server.Conversations;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Conversations;

public sealed class PreChatAnswersTests
{
    private static readonly QueueRecord Queue = new()
    {
        Name = "support",
        DisplayName = "Support",
        Questions =
        [
            new() { Id = "topic", Label = "Topic", Type = "choice", Options = ["Billing", "Technical"], Required = true },
            new() { Id = "order", Label = "Order number", Type = "text" },
        ],
    };

    [Fact]
    public void Valid_answers_are_kept_trimmed_and_blank_optional_ones_dropped()
    {
        var answers = PreChatAnswers.Validate(Queue, new Dictionary<string, string> { ["topic"] = "Billing", ["order"] = "  " });

        Assert.Equal(new Dictionary<string, string> { ["topic"] = "Billing" }, answers);
    }

    [Theory]
    [InlineData("order", "A-1", "Please answer: Topic")]
    [InlineData("topic", "Cooking", "'Cooking' is not one of the choices for 'Topic'.")]
    [InlineData("shoe-size", "42", "'shoe-size' is not a question of this queue.")]
    public void Invalid_answers_are_refused_in_plain_words(string question, string answer, string error)
    {
        var answers = new Dictionary<string, string> { [question] = answer };
        if (question != "topic" && question != "order")
        {
            answers["topic"] = "Billing";
        }

        var e = Assert.Throws<CoreException>(() => PreChatAnswers.Validate(Queue, answers));

        Assert.Equal((CoreError.Invalid, error), (e.Error, e.Message));
    }

    [Fact]
    public void An_answer_longer_than_500_characters_is_refused()
    {
        var answers = new Dictionary<string, string> { ["topic"] = "Billing", ["order"] = new string('1', 501) };

        Assert.Throws<CoreException>(() => PreChatAnswers.Validate(Queue, answers));
    }
}
