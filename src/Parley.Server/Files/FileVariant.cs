namespace Parley.Server.Files;

/// <summary>The bytes kept for an attachment: the original as sent, and for a raster image a preview without its metadata.</summary>
public enum FileVariant
{
    Original,
    Preview,
}
