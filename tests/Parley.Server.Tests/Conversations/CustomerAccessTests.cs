using Parley.Server.Conversations;

namespace Parley.Server.Tests.Conversations;

/// <summary>
/// What a customer token may do: read, write and ask for the transcript while the chat is open; after the end, read
/// for 30 days, and within 24 hours rate the chat once and ask for its transcript (at most 3 times in all); nothing else.
/// </summary>
public sealed class CustomerAccessTests
{
    private static readonly DateTimeOffset Ended = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ConversationState.Queued)]
    [InlineData(ConversationState.Assigned)]
    public void An_open_chat_can_be_read_written_and_sent_as_a_transcript_but_not_rated_yet(ConversationState state)
    {
        var now = Ended.AddDays(100);

        Assert.Equal(CustomerAccessVerdict.Allowed, CustomerAccess.Check(CustomerAction.Read, state, null, now));
        Assert.Equal(CustomerAccessVerdict.Allowed, CustomerAccess.Check(CustomerAction.Write, state, null, now));
        Assert.Equal(CustomerAccessVerdict.NotEnded, CustomerAccess.Check(CustomerAction.Rate, state, null, now));
        Assert.Equal(CustomerAccessVerdict.Allowed, CustomerAccess.Check(CustomerAction.RequestTranscript, state, null, now));
        Assert.Equal(CustomerAccessVerdict.AlreadyDone, CustomerAccess.Check(CustomerAction.RequestTranscript, state, null, now, alreadyDone: true));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(24 * 29)]
    [InlineData(24 * 30)]
    public void An_ended_chat_is_readable_for_30_days(int hours)
    {
        Assert.Equal(CustomerAccessVerdict.Allowed, Check(CustomerAction.Read, TimeSpan.FromHours(hours)));
    }

    [Fact]
    public void After_30_days_reading_is_gone_and_everything_else_stays_refused()
    {
        var after = CustomerAccess.ReadWindow + TimeSpan.FromTicks(1);

        Assert.Equal(CustomerAccessVerdict.Gone, Check(CustomerAction.Read, after));
        Assert.Equal(CustomerAccessVerdict.Gone, Check(CustomerAction.Read, TimeSpan.FromDays(3650)));
        Assert.Equal(CustomerAccessVerdict.Ended, Check(CustomerAction.Write, after));
        Assert.Equal(CustomerAccessVerdict.TooLate, Check(CustomerAction.Rate, after));
        Assert.Equal(CustomerAccessVerdict.TooLate, Check(CustomerAction.RequestTranscript, after));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60 * 24)]
    [InlineData(60 * 24 * 20)]
    [InlineData(60 * 24 * 31)]
    public void Writing_to_an_ended_chat_is_always_refused(int minutes)
    {
        Assert.Equal(CustomerAccessVerdict.Ended, Check(CustomerAction.Write, TimeSpan.FromMinutes(minutes)));
    }

    [Theory]
    [InlineData(CustomerAction.Rate)]
    [InlineData(CustomerAction.RequestTranscript)]
    public void Rating_and_the_transcript_are_allowed_within_24_hours_of_the_end_until_done(CustomerAction action)
    {
        Assert.Equal(CustomerAccessVerdict.Allowed, Check(action, TimeSpan.Zero));
        Assert.Equal(CustomerAccessVerdict.Allowed, Check(action, CustomerAccess.FeedbackWindow));
        Assert.Equal(CustomerAccessVerdict.AlreadyDone, Check(action, TimeSpan.FromHours(1), alreadyDone: true));
        Assert.Equal(CustomerAccessVerdict.TooLate, Check(action, CustomerAccess.FeedbackWindow + TimeSpan.FromTicks(1)));
        Assert.Equal(CustomerAccessVerdict.TooLate, Check(action, TimeSpan.FromDays(29), alreadyDone: true));
    }

    [Fact]
    public void An_ended_chat_without_an_end_time_is_treated_as_long_gone()
    {
        Assert.Equal(CustomerAccessVerdict.Gone, CustomerAccess.Check(CustomerAction.Read, ConversationState.Ended, null, Ended));
        Assert.Equal(CustomerAccessVerdict.TooLate, CustomerAccess.Check(CustomerAction.Rate, ConversationState.Ended, null, Ended));
    }

    [Fact]
    public void A_clock_behind_the_end_time_counts_as_just_ended()
    {
        Assert.Equal(CustomerAccessVerdict.Allowed, Check(CustomerAction.Rate, TimeSpan.FromMinutes(-5)));
    }

    [Fact]
    public void Each_refusal_becomes_the_core_error_the_edge_maps_to_409_or_410()
    {
        Assert.Null(CustomerAccess.FailureOf(CustomerAccessVerdict.Allowed));
        Assert.Equal(CoreError.Gone, CustomerAccess.FailureOf(CustomerAccessVerdict.Gone)!.Error);
        Assert.Equal(CoreError.Ended, CustomerAccess.FailureOf(CustomerAccessVerdict.Ended)!.Error);
        Assert.Equal(CoreError.Ended, CustomerAccess.FailureOf(CustomerAccessVerdict.AlreadyDone)!.Error);
        Assert.Equal(CoreError.Ended, CustomerAccess.FailureOf(CustomerAccessVerdict.NotEnded)!.Error);
        Assert.Equal(CoreError.Gone, CustomerAccess.FailureOf(CustomerAccessVerdict.TooLate)!.Error);
        Assert.Contains("rated already", CustomerAccess.FailureOf(CustomerAccessVerdict.AlreadyDone, CustomerAction.Rate)!.Detail, StringComparison.Ordinal);
        Assert.Contains("3 times", CustomerAccess.FailureOf(CustomerAccessVerdict.AlreadyDone, CustomerAction.RequestTranscript)!.Detail, StringComparison.Ordinal);
    }

    private static CustomerAccessVerdict Check(CustomerAction action, TimeSpan sinceEnd, bool alreadyDone = false) =>
        CustomerAccess.Check(action, ConversationState.Ended, Ended, Ended + sinceEnd, alreadyDone);
}
