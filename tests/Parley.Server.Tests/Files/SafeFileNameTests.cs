using Parley.Server.Files;

namespace Parley.Server.Tests.Files;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("../../etc/passwd.png", "passwd.png")]
    [InlineData("C:\\Users\\ann\\Desktop\\photo.png", "photo.png")]
    [InlineData("invoice.exe", "invoice.png")]
    [InlineData("a\u0000b\r\n\"c\".png", "abc.png")]
    [InlineData("..", "attachment.png")]
    [InlineData(null, "attachment.png")]
    [InlineData("/", "attachment.png")]
    public void The_name_keeps_only_its_last_part_and_the_contents_extension(string? sent, string expected) =>
        Assert.Equal(expected, SafeFileName.For(sent, FileType.Png));

    [Fact]
    public void A_long_name_is_cut_to_the_limit_with_its_extension()
    {
        var name = SafeFileName.For(new string('x', 300) + ".pdf", FileType.Pdf);
        Assert.Equal(SafeFileName.MaxLength, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_may_keep_its_jpeg_extension() => Assert.Equal("holiday.jpeg", SafeFileName.For("holiday.JPEG", FileType.Jpeg));
}
