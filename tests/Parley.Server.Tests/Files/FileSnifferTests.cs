using System.Text;
using Parley.Server.Files;

namespace Parley.Server.Tests.Files;

/// <summary>The type comes from the content: each allowed kind is known, anything else (or a truncated file) is not.</summary>
public sealed class FileSnifferTests
{
    public static TheoryData<string, string> Allowed() => new()
    {
        { "png", "image/png" },
        { "jpeg", "image/jpeg" },
        { "jpeg-exif", "image/jpeg" },
        { "gif", "image/gif" },
        { "webp", "image/webp" },
        { "pdf", "application/pdf" },
        { "text", "text/plain" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Each_allowed_kind_is_recognised_by_its_content(string sample, string contentType) =>
        Assert.Equal(contentType, FileSniffer.Sniff(Sample(sample))?.ContentType);

    [Theory]
    [InlineData("executable")]
    [InlineData("svg")]
    [InlineData("html")]
    [InlineData("zip")]
    public void Anything_else_is_unknown(string sample) => Assert.Null(FileSniffer.Sniff(Sample(sample)));

    [Theory]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("  \n<?xml version=\"1.0\"?><svg/>")]
    [InlineData("\uFEFF<HTML><body>x</body></HTML>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("see: <svg><script>alert(1)</script></svg>")]
    [InlineData("<!-- a comment --><div>x</div>")]
    public void Markup_a_browser_could_run_is_never_plain_text(string text) => Assert.Null(FileSniffer.Sniff(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Text_with_a_NUL_or_invalid_UTF8_or_control_bytes_is_not_text()
    {
        Assert.Null(FileSniffer.Sniff("abc\0def"u8));
        Assert.Null(FileSniffer.Sniff([0x61, 0x62, 0xC3, 0x28]));
        Assert.Null(FileSniffer.Sniff("abc\u0007def"u8));
        Assert.Null(FileSniffer.Sniff([]));
        Assert.Equal(FileType.Text, FileSniffer.Sniff("a < b and b > c\ttab\r\n"u8));
    }

    [Theory]
    [InlineData("png", 20)]
    [InlineData("jpeg", 100)]
    [InlineData("gif", 20)]
    [InlineData("webp", 40)]
    [InlineData("pdf", 30)]
    public void A_truncated_file_is_unknown(string sample, int keep)
    {
        var whole = Sample(sample);
        Assert.NotNull(FileSniffer.Sniff(whole));
        Assert.Null(FileSniffer.Sniff(whole.AsSpan(0, keep)));
    }

    [Fact]
    public void An_executable_renamed_png_with_a_png_signature_but_no_image_header_is_unknown()
    {
        byte[] disguised = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. SampleFiles.Executable()];
        Assert.Null(FileSniffer.Sniff(disguised));
    }

    internal static byte[] Sample(string name) => name switch
    {
        "png" => SampleFiles.Png(),
        "jpeg" => SampleFiles.Jpeg(),
        "jpeg-exif" => SampleFiles.JpegWithExif(),
        "gif" => SampleFiles.Gif(),
        "webp" => SampleFiles.WebP(),
        "pdf" => SampleFiles.Pdf(),
        "text" => SampleFiles.Text(),
        "executable" => SampleFiles.Executable(),
        "svg" => SampleFiles.SvgWithScript(),
        "html" => SampleFiles.Html(),
        "zip" => SampleFiles.Zip(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
