using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Server.Components.Desk;

namespace Parley.Server.Tests.Components;

/// <summary>The desk's links: http and https become links opened safely in a new tab; everything else stays text.</summary>
public sealed class LinkifierTests
{
    private static Linkifier.Part Text(string text) => new(text);

    private static Linkifier.Part Link(string text, string href) => new(text, href);

    [Fact]
    public void Http_and_https_links_are_found_in_running_text_without_the_sentence_punctuation() =>
        Assert.Equal(
            [Text("See "), Link("https://example.com/orders/42", "https://example.com/orders/42"), Text(", or "), Link("HTTP://shop.example/faq", "http://shop.example/faq"), Text(". Thanks!")],
            Linkifier.Split("See https://example.com/orders/42, or HTTP://shop.example/faq. Thanks!"));

    [Fact]
    public void Brackets_the_link_opened_stay_with_it_and_others_do_not() =>
        Assert.Equal(
            [Text("("), Link("https://en.wikipedia.org/wiki/Chat_(software)", "https://en.wikipedia.org/wiki/Chat_(software)"), Text(") (see "), Link("https://example.com", "https://example.com/"), Text(")")],
            Linkifier.Split("(https://en.wikipedia.org/wiki/Chat_(software)) (see https://example.com)"));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript://%0aalert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("ftp://example.com/file")]
    [InlineData("xhttp://example.com")]
    [InlineData("http://")]
    [InlineData("no links at all")]
    public void Anything_but_an_http_or_https_link_stays_text(string message) =>
        Assert.Equal([Text(message)], Linkifier.Split(message));

    [Fact]
    public void A_quote_ends_a_link_so_nothing_after_it_becomes_an_attribute() =>
        Assert.Equal(
            [Link("http://x", "http://x/"), Text("\"onmouseover=alert(1)")],
            Linkifier.Split("http://x\"onmouseover=alert(1)"));

    [Fact]
    public void In_markup_only_the_url_is_a_link_and_the_markup_stays_text() =>
        Assert.Equal(
            [Text("<a href=\""), Link("https://evil.example/", "https://evil.example/"), Text("\">x</a>")],
            Linkifier.Split("<a href=\"https://evil.example/\">x</a>"));

    [Fact]
    public async Task The_component_renders_text_as_text_and_links_with_a_new_tab_and_no_opener_or_referrer()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);

        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(LinkedText.Text)] = "<b>bold</b> see https://example.com/a?b=1&c=2 or javascript:alert(1)",
            });
            return (await renderer.RenderComponentAsync<LinkedText>(parameters)).ToHtmlString();
        });

        Assert.Equal(
            "&lt;b&gt;bold&lt;/b&gt; see <a href=\"https://example.com/a?b=1&amp;c=2\" target=\"_blank\" rel=\"noopener noreferrer\" data-part=\"message-link\">https://example.com/a?b=1&amp;c=2</a> or javascript:alert(1)",
            html);
    }
}
