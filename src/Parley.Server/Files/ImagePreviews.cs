using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Parley.Server.Files;

/// <summary>
/// Makes an image's preview: decoded, scaled so its longer side is at most <see cref="FileEngineOptions.PreviewSize"/>,
/// and encoded again (JPEG for photos, PNG for images that may be transparent). Encoding anew keeps only the pixels,
/// so the preview carries none of the original's metadata (EXIF: camera, place, time); the original is kept as sent.
/// </summary>
public sealed class ImagePreviews(IOptions<FileEngineOptions> options)
{
    /// <summary>Larger images get no preview: decoding one would cost more memory than a chat attachment is worth.</summary>
    private const long MaxPixels = 40_000_000;

    /// <summary>The type a preview of <paramref name="original"/> is encoded as.</summary>
    public static FileType PreviewTypeOf(FileType original) =>
        original == FileType.Jpeg || original == FileType.WebP ? FileType.Jpeg : FileType.Png;

    /// <summary>The preview's bytes, or null when the image cannot be decoded (or is too large to).</summary>
    public byte[]? Make(ReadOnlySpan<byte> content, FileType type)
    {
        if (!type.IsRasterImage)
        {
            return null;
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        // The camera's orientation is metadata too: apply it to the pixels so the preview stands the right way up.
        using var upright = Orient(decoded, codec.EncodedOrigin);
        var size = options.Value.PreviewSize;
        var scale = Math.Min(1.0, (double)size / Math.Max(upright.Width, upright.Height));
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(upright.Width * scale)), Math.Max(1, (int)Math.Round(upright.Height * scale)));
        using var scaled = upright.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (scaled is null)
        {
            return null;
        }

        using var image = SKImage.FromBitmap(scaled);
        var previewType = PreviewTypeOf(type);
        using var encoded = previewType == FileType.Jpeg ? image.Encode(SKEncodedImageFormat.Jpeg, 80) : image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded?.ToArray();
    }

    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return bitmap.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(origin switch
        {
            SKEncodedOrigin.TopRight => SKMatrix.CreateScale(-1, 1, bitmap.Width / 2f, 0),
            SKEncodedOrigin.BottomRight => SKMatrix.CreateRotationDegrees(180, bitmap.Width / 2f, bitmap.Height / 2f),
            SKEncodedOrigin.BottomLeft => SKMatrix.CreateScale(1, -1, 0, bitmap.Height / 2f),
            SKEncodedOrigin.RightTop => SKMatrix.CreateRotationDegrees(90).PostConcat(SKMatrix.CreateTranslation(bitmap.Height, 0)),
            SKEncodedOrigin.LeftBottom => SKMatrix.CreateRotationDegrees(270).PostConcat(SKMatrix.CreateTranslation(0, bitmap.Width)),
            _ => SKMatrix.Identity,
        });
        canvas.DrawBitmap(bitmap, 0, 0);
        return result;
    }
}
