using System.Text.Encodings.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Conversations;
using Parley.Server.Files;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Conversations;

/// <summary>
/// The transcript as an e-mail: every line the customer saw with its sender and time in the customer's zone (across a
/// change of daylight saving time), UTC when none is known and saying so, and nothing typed in the chat as markup.
/// </summary>
public sealed class TranscriptMailTests
{
    // Sunday 29 March 2026: Amsterdam moves from +01:00 to +02:00 at 01:00 UTC.
    private static readonly DateTimeOffset BeforeDst = new(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterDst = new(2026, 3, 29, 1, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Times_are_in_the_customers_zone_on_both_sides_of_a_daylight_saving_change()
    {
        var mail = Compose(Conversation("Europe/Amsterdam"), Message(1, MessageSender.Customer, "Ann", "Before", BeforeDst), Message(2, MessageSender.Agent, "Alice", "After", AfterDst));

        Assert.Contains("Times are in Europe/Amsterdam.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("[2026-03-29 01:30] Ann:\n    Before", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("[2026-03-29 03:30] Alice:\n    After", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("2026-03-29 01:30", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("2026-03-29 03:30", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Mars/Olympus_Mons")] // a zone a later zone database dropped: read as none
    public void Without_a_known_zone_times_are_in_UTC_and_the_mail_says_so(string? zone)
    {
        var mail = Compose(Conversation(zone), Message(1, MessageSender.Customer, "Ann", "Hello", AfterDst));

        Assert.Contains("Times are in UTC (no time zone was given).", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("[2026-03-29 01:30 UTC] Ann:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("2026-03-29 01:30 UTC", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_name_and_text_is_encoded_in_the_HTML_and_kept_as_typed_in_the_text()
    {
        const string Attack = "<img src=x onerror=alert(1)>";
        var conversation = Conversation("Europe/Amsterdam", customerName: "<b>Mallory</b>");
        var mail = Compose(
            conversation,
            Message(1, MessageSender.System, null, "Welcome to <script>x</script>", BeforeDst),
            Message(2, MessageSender.Customer, null, Attack + "\nsecond line & more", BeforeDst),
            Message(3, MessageSender.Agent, "Eve <i>agent</i>", "\"quoted\" 'text'", AfterDst));

        Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;<br>\nsecond line &amp; more", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Mallory&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Eve &lt;i&gt;agent&lt;/i&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Shop &amp; Co", mail.HtmlBody, StringComparison.Ordinal);
        // The text part is plain text: what was typed, as typed, with the customer's name from the start.
        Assert.Contains("] <b>Mallory</b>:\n    " + Attack + "\n    second line & more", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("] Shop & Co:\n    Welcome to <script>x</script>", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_subject_names_the_queue_and_the_mail_goes_to_the_address_for_the_conversation()
    {
        var conversation = Conversation(null);

        var mail = Compose(conversation, Message(1, MessageSender.System, null, "Welcome", BeforeDst));

        Assert.Equal("Transcript of your chat with Shop & Co", mail.Subject);
        Assert.Equal(("ann@example.com", conversation.Id), (mail.To, mail.ConversationId));
        Assert.Contains("If you did not ask for it", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_is_its_encoded_name_linked_to_a_link_minted_for_the_mail_that_works_for_seven_days()
    {
        var time = new FakeTimeProvider(AfterDst);
        var links = new AttachmentLinks(new EphemeralDataProtectionProvider(), Options.Create(new FileEngineOptions()), time);
        var sent = links.ViewOf(Guid.CreateVersion7(), "<b>Invoice</b> & co.pdf", "application/pdf", 2048, LinkAudience.Customer);
        var file = links.ForMail(sent, "https://chat.example.com/");

        var mail = Compose(Conversation(null), Message(1, MessageSender.Customer, "Ann", sent.Name, AfterDst) with { Attachment = file });

        var url = file.Url;
        Assert.StartsWith("https://chat.example.com" + AttachmentLinks.CustomerPath, url, StringComparison.Ordinal);
        var token = url[("https://chat.example.com" + AttachmentLinks.CustomerPath).Length..];
        Assert.Contains("<a href=\"" + HtmlEncoder.Default.Encode(url) + "\">&lt;b&gt;Invoice&lt;/b&gt; &amp; co.pdf</a>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Invoice", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("    File: <b>Invoice</b> & co.pdf (2 KB)\n    " + url + "\n", mail.TextBody, StringComparison.Ordinal);
        // Its own lifetime: a chat's link would have run out after an hour; the mail's works for a week, not longer.
        time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.NotNull(links.Read(token, LinkAudience.Customer));
        Assert.Null(links.Read(sent.Url[AttachmentLinks.CustomerPath.Length..], LinkAudience.Customer));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(links.Read(token, LinkAudience.Customer));
    }

    [Fact]
    public void Without_a_known_address_for_the_link_the_file_is_named_without_a_link()
    {
        var links = new AttachmentLinks(new EphemeralDataProtectionProvider(), Options.Create(new FileEngineOptions()), new FakeTimeProvider(AfterDst));
        var file = links.ForMail(links.ViewOf(Guid.CreateVersion7(), "photo.png", "image/png", 100, LinkAudience.Customer), siteUrl: null);

        var mail = Compose(Conversation(null), Message(1, MessageSender.Customer, "Ann", "photo.png", AfterDst) with { Attachment = file });

        Assert.Contains("File: photo.png <span", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(AttachmentLinks.CustomerPath, mail.TextBody, StringComparison.Ordinal);
    }

    private static Parley.Server.Email.OutgoingMail Compose(ConversationRecord conversation, params MessageView[] messages) =>
        TranscriptMail.Compose("ann@example.com", conversation, "Shop & Co", messages, AfterDst.AddMinutes(5));

    private static ConversationRecord Conversation(string? zone, string customerName = "Ann") => new()
    {
        Id = Guid.NewGuid(),
        Queue = "support",
        CustomerName = customerName,
        TimeZone = zone,
    };

    private static MessageView Message(long seq, MessageSender sender, string? name, string text, DateTimeOffset at) => new(seq, sender, name, text, at, null);
}
