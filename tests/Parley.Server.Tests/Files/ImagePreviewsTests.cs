using System.Text;
using Microsoft.Extensions.Options;
using Parley.Server.Files;
using SkiaSharp;

namespace Parley.Server.Tests.Files;

public sealed class ImagePreviewsTests
{
    private readonly ImagePreviews _previews = new(Options.Create(new FileEngineOptions { PreviewSize = 320 }));

    [Fact]
    public void A_photos_preview_is_a_smaller_jpeg_without_its_exif()
    {
        var original = SampleFiles.JpegWithExif();
        Assert.Contains(SampleFiles.ExifSecret, Encoding.ASCII.GetString(original), StringComparison.Ordinal);

        var preview = _previews.Make(original, FileType.Jpeg)!;

        Assert.DoesNotContain(SampleFiles.ExifSecret, Encoding.ASCII.GetString(preview), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(preview), StringComparison.Ordinal);
        using var decoded = SKBitmap.Decode(preview);
        Assert.Equal((320, 240), (decoded.Width, decoded.Height));
        Assert.Equal(FileType.Jpeg, FileSniffer.Sniff(preview));
    }

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("gif", "image/png")]
    [InlineData("webp", "image/jpeg")]
    public void Every_raster_image_gets_a_preview(string sample, string previewType)
    {
        var original = FileSnifferTests.Sample(sample);
        var preview = _previews.Make(original, FileSniffer.Sniff(original)!)!;
        Assert.Equal(previewType, FileSniffer.Sniff(preview)?.ContentType);
    }

    [Fact]
    public void A_small_image_is_not_enlarged_and_a_pdf_has_no_preview()
    {
        using var decoded = SKBitmap.Decode(_previews.Make(SampleFiles.Png(100, 50), FileType.Png)!);
        Assert.Equal((100, 50), (decoded.Width, decoded.Height));
        Assert.Null(_previews.Make(SampleFiles.Pdf(), FileType.Pdf));
    }
}
