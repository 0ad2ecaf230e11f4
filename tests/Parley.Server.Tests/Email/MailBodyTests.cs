using Parley.Server.Email;

namespace Parley.Server.Tests.Email;

/// <summary>The mail's two parts from plain text, header text on one line, and the retry back-off.</summary>
public sealed class MailBodyTests
{
    [Fact]
    public void Every_text_is_HTML_encoded_with_its_paragraphs_and_line_breaks_kept()
    {
        var html = MailBody.Html("<b>Bold</b> & \"quoted\"\r\nnext line\r\n\r\n\r\n<img src=x onerror=alert(1)>");

        Assert.Equal("<p>&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;<br>\nnext line</p>\n<p>&lt;img src=x onerror=alert(1)&gt;</p>\n", html);
    }

    [Fact]
    public void The_layout_encodes_the_footer_and_keeps_the_content_as_given()
    {
        var html = MailBody.HtmlLayout(MailBody.Html("Hi"), footer: "<Team> & co");

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Hi</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>&lt;Team&gt; &amp; co</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Team>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_part_puts_the_footer_under_a_signature_separator()
    {
        Assert.Equal("Hello\r\nthere\n\n-- \nThe team\n".ReplaceLineEndings("\n"), MailBody.TextLayout("Hello\r\nthere\r\n", "The team"));
        Assert.Equal("Hello\n", MailBody.TextLayout("Hello"));
    }

    [Theory]
    [InlineData("Hello\r\nBcc: eve@example.com", "Hello Bcc: eve@example.com")]
    [InlineData("a\u2028b\u0085c\td", "a b c d")]
    [InlineData("  many    spaces  ", "many spaces")]
    public void Header_text_is_one_line(string text, string expected)
    {
        Assert.Equal(expected, MailHeaderText.Clean(text, 200));
    }

    [Fact]
    public void Header_text_is_cut_to_its_column()
    {
        Assert.Equal(new string('x', 10), MailHeaderText.Clean(new string('x', 50), 10));
    }

    [Fact]
    public void The_back_off_doubles_from_the_first_delay_up_to_the_cap()
    {
        var options = new MailOutboxOptions();

        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 60, 60],
            Enumerable.Range(1, 8).Select(attempts => (int)options.RetryDelay(attempts).TotalMinutes));
        Assert.Equal(TimeSpan.FromHours(1), options.RetryDelay(int.MaxValue));
    }
}
