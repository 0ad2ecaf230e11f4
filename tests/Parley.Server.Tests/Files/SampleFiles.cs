using System.Text;
using SkiaSharp;

namespace Parley.Server.Tests.Files;

/// <summary>Real files of each kind the engine knows, and hostile ones, made for the tests.</summary>
internal static class SampleFiles
{
    /// <summary>What a camera writes into a photo's EXIF block: must survive in the original, never in the preview.</summary>
    public const string ExifSecret = "GPS 52.3676N 4.9041E Camera-Owner-Ann";

    public static byte[] Image(SKEncodedImageFormat format, int width = 640, int height = 480)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public static byte[] Png(int width = 640, int height = 480) => Image(SKEncodedImageFormat.Png, width, height);

    public static byte[] Jpeg(int width = 640, int height = 480) => Image(SKEncodedImageFormat.Jpeg, width, height);

    public static byte[] WebP() => Image(SKEncodedImageFormat.Webp);

    /// <summary>A JPEG with an EXIF (APP1) segment right after its start marker, carrying <see cref="ExifSecret"/>.</summary>
    public static byte[] JpegWithExif()
    {
        var jpeg = Jpeg();
        // "Exif\0\0", a little-endian TIFF header, an IFD with no entries, then the secret (as a maker note would carry it).
        var payload = Encoding.ASCII.GetBytes("Exif\0\0").Concat(new byte[] { 0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 })
            .Concat(Encoding.ASCII.GetBytes(ExifSecret)).ToArray();
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>The smallest GIF: one transparent pixel.</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Text() => Encoding.UTF8.GetBytes("Order 4711: the parcel arrived damaged. Grüße, Ann ✓\n");

    /// <summary>A Windows executable's start (MZ header, PE offset, DOS stub text).</summary>
    public static byte[] Executable() =>
        [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.\r\n$"), 0x00, 0x00];

    public static byte[] SvgWithScript() => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(document.cookie)</script></svg>");

    public static byte[] Html() => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

    public static byte[] Zip() => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, .. new byte[40]];
}
