using Parley.Server.Conversations;

namespace Parley.Server.Tests.Conversations;

/// <summary>What a browser says about itself is bounded field by field: a bad field is dropped, never the whole start.</summary>
public sealed class CustomerContextBoundsTests
{
    [Theory]
    [InlineData("https://shop.example.com/cart?item=42#top", "https://shop.example.com/cart?item=42#top")]
    [InlineData("http://example.com", "http://example.com/")]
    [InlineData("  https://example.com/a b  ", "https://example.com/a%20b")]
    [InlineData("https://example.com/\"onmouseover=alert(1)", "https://example.com/%22onmouseover=alert(1)")]
    public void Http_and_https_urls_are_kept_in_their_escaped_form(string url, string kept) =>
        Assert.Equal(kept, CustomerContextBounds.Url(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/")]
    [InlineData("/relative/path")]
    [InlineData("https://user:secret@example.com/")]
    [InlineData("https://exa\nmple.com/")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_schemes_relative_urls_credentials_and_control_characters_are_dropped(string? url) =>
        Assert.Null(CustomerContextBounds.Url(url));

    [Fact]
    public void A_url_longer_than_the_limit_is_dropped_not_cut() =>
        Assert.Null(CustomerContextBounds.Url("https://example.com/" + new string('a', CustomerContextBounds.MaxUrlLength)));

    [Fact]
    public void Texts_lose_control_and_broken_characters_and_are_cut_between_characters()
    {
        Assert.Equal("Cart — Shop", CustomerContextBounds.Text("\u0007Cart\u0000 — \u001bShop\r\n", 200));
        Assert.Equal("ab", CustomerContextBounds.Text("a\ud800b", 200));
        // Three family emoji are one text element each: the cut never splits one.
        var family = "👨‍👩‍👧";
        Assert.Equal(family, CustomerContextBounds.Text(family + family, family.Length + 1));
        Assert.Null(CustomerContextBounds.Text(" \t\u0000 ", 200));
    }

    [Fact]
    public void Every_field_is_bounded_and_a_context_with_nothing_usable_is_null()
    {
        var bounded = CustomerContextBounds.Bound(new CustomerContext(
            PageUrl: "javascript:alert(1)",
            PageTitle: new string('t', 500),
            Referrer: "https://search.example/?q=shoes",
            UserAgent: new string('u', 1000),
            Brands: [.. Enumerable.Range(0, 20).Select(i => $"Brand {i}"), "", "Brand 0"],
            Platform: "Windows\u0000",
            UtcOffsetMinutes: 15 * 60));

        Assert.NotNull(bounded);
        Assert.Null(bounded.PageUrl);
        Assert.Equal(CustomerContextBounds.MaxTitleLength, bounded.PageTitle!.Length);
        Assert.Equal("https://search.example/?q=shoes", bounded.Referrer);
        Assert.Equal(CustomerContextBounds.MaxUserAgentLength, bounded.UserAgent!.Length);
        Assert.Equal([.. Enumerable.Range(0, CustomerContextBounds.MaxBrands).Select(i => $"Brand {i}")], bounded.Brands!);
        Assert.Equal("Windows", bounded.Platform);
        Assert.Null(bounded.UtcOffsetMinutes);

        Assert.Null(CustomerContextBounds.Bound(new CustomerContext(PageUrl: "javascript:alert(1)", Brands: ["\u0000"])));
        Assert.Null(CustomerContextBounds.Bound(null));
        Assert.Equal(-300, CustomerContextBounds.Bound(new CustomerContext(UtcOffsetMinutes: -300))!.UtcOffsetMinutes);
    }
}
