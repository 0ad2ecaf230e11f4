using Parley.Server.Admin;

namespace Parley.Server.Tests.Admin;

/// <summary>The checks of an announcement as an admin writes it; each refusal names its field.</summary>
public sealed class AnnouncementValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 30, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    [Fact]
    public void A_valid_announcement_is_kept_in_utc_and_trimmed()
    {
        var (valid, errors) = Validate(new AnnouncementInput(" support ", "  High volume today — expect longer waits ", "2026-12-07T10:00:00+01:00", "2026-12-07T18:00:00+01:00"));

        Assert.Empty(errors);
        Assert.Equal(("support", "High volume today — expect longer waits"), (valid!.Queue, valid.Text));
        Assert.Equal((new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), TimeSpan.Zero), (valid.StartsAt, valid.StartsAt.Offset));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero), valid.EndsAt);
    }

    [Fact]
    public void Without_a_start_it_starts_now_and_without_an_end_it_is_open_ended()
    {
        var (valid, _) = Validate(new AnnouncementInput("support", "Now"));

        Assert.Equal((Now, (DateTimeOffset?)null), (valid!.StartsAt, valid.EndsAt));
    }

    [Theory]
    [InlineData(null, "text")]
    [InlineData("   ", "text")]
    [InlineData("line one\nline two", "text")]
    [InlineData("bell\u0007", "text")]
    [InlineData("nul\u0000", "text")]
    public void A_text_that_is_empty_or_has_control_characters_is_refused(string? text, string field) =>
        Assert.Equal([field], Validate(new AnnouncementInput("support", text)).Errors.Keys);

    [Fact]
    public void A_text_with_a_broken_character_is_refused() =>
        Assert.Equal(["text"], Validate(new AnnouncementInput("support", "broken " + '\ud800')).Errors.Keys); // not in an attribute: metadata would mend it

    [Fact]
    public void A_text_of_500_characters_passes_and_of_501_is_refused()
    {
        Assert.Empty(Validate(new AnnouncementInput("support", new string('x', 500))).Errors);
        Assert.Equal(["text"], Validate(new AnnouncementInput("support", new string('x', 501))).Errors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no-such-queue")]
    [InlineData("Not A Queue")]
    public void The_queue_must_exist(string? queue) =>
        Assert.Equal(["queue"], Validate(new AnnouncementInput(queue, "Hello")).Errors.Keys);

    [Theory]
    [InlineData("2026-12-07T10:00:00", null, "startsAt")]  // no offset: which zone?
    [InlineData("2026-12-07", null, "startsAt")]
    [InlineData("tomorrow", null, "startsAt")]
    [InlineData("2026-12-07T10:00:00Z", "2026-12-07 18:00", "endsAt")]
    [InlineData("2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z", "endsAt")] // an end at the start shows nothing
    [InlineData("2026-12-07T10:00:00Z", "2026-12-07T10:30:00+01:00", "endsAt")] // 09:30 UTC, before the start
    public void Instants_need_an_offset_and_the_end_comes_after_the_start(string? startsAt, string? endsAt, string field) =>
        Assert.Equal([field], Validate(new AnnouncementInput("support", "Hello", startsAt, endsAt)).Errors.Keys);

    [Fact]
    public void A_queue_holds_at_most_fifty()
    {
        var (_, errors) = AnnouncementValidation.Validate(Id, new AnnouncementInput("support", "One more"), Now, _ => true, _ => AnnouncementValidation.MaxPerQueue);

        Assert.Contains("delete ended ones", Assert.Single(errors["queue"]), StringComparison.Ordinal);
        Assert.Empty(AnnouncementValidation.Validate(Id, new AnnouncementInput("support", "One more"), Now, _ => true, _ => AnnouncementValidation.MaxPerQueue - 1).Errors);
    }

    private static (Announcement? Valid, Dictionary<string, string[]> Errors) Validate(AnnouncementInput input) =>
        AnnouncementValidation.Validate(Id, input, Now, queue => queue is "support" or "sales", _ => 0);
}
