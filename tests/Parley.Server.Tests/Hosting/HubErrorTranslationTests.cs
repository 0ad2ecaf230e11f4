using Parley.Server.Hosting;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// Inside the server a send is a typed <see cref="SendResult"/>; only on the wire does "retry later" become the
/// documented <c>[retry] </c> hub error, and only for an outage.
/// </summary>
public sealed class HubErrorTranslationTests
{
    [Fact]
    public void A_send_the_core_did_not_answer_is_retry_later_and_goes_out_marked()
    {
        var sent = SendResult.From(CoreResult.Fail<MessageAccepted>(CoreError.Unavailable, CoreResult.UnavailableDetail));

        Assert.Equal(new SendResult.RetryLater(CoreResult.UnavailableDetail), sent);
        Assert.Equal("[retry] " + CoreResult.UnavailableDetail, HubErrorFilter.ToHubException(sent.Failure!).Message);
    }

    [Theory]
    [InlineData(CoreError.Ended)]
    [InlineData(CoreError.Invalid)]
    [InlineData(CoreError.Full)]
    [InlineData(CoreError.NotFound)]
    public void A_refused_send_keeps_its_kind_and_goes_out_as_the_plain_sentence(CoreError kind)
    {
        var sent = SendResult.From(CoreResult.Fail<MessageAccepted>(kind, "This conversation has ended."));

        Assert.Equal(new SendResult.Refused(kind, "This conversation has ended."), sent);
        Assert.Equal("This conversation has ended.", HubErrorFilter.ToHubException(sent.Failure!).Message);
    }

    [Fact]
    public void An_accepted_send_has_no_failure()
    {
        var accepted = new MessageAccepted(7, DateTimeOffset.UnixEpoch);

        var sent = SendResult.From(CoreResult.Ok(accepted));

        Assert.Equal(new SendResult.Accepted(accepted), sent);
        Assert.Null(sent.Failure);
    }
}
