using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Files;

/// <summary><c>Parley:Files</c>: where attachments are kept and what every queue accepts unless it says otherwise.</summary>
public sealed class FileEngineOptions
{
    public const string Section = "Parley:Files";

    /// <summary>The directory attachments are stored in; empty: <c>files</c> in the data directory.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// The largest attachment (bytes). Also the most an edge reads into memory for one upload and passes to the core
    /// through the transport, so it stays well under the broker's message size.
    /// </summary>
    [Range(1, 64 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The media types accepted, of those the engine recognises (image/png, image/jpeg, image/gif, image/webp,
    /// application/pdf, text/plain); unset: all of them. (No default list here: configuration would add to it.)
    /// </summary>
    public string[]? AllowedTypes { get; set; }

    public bool Allows(FileType type) =>
        AllowedTypes is not { Length: > 0 } allowed || allowed.Contains(type.ContentType, StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a download link works after it was handed out (with the message that carries it).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the links in a mailed transcript work: the mail is read later than the chat.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "90.00:00:00")]
    public TimeSpan MailLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often stored files that no message refers to are looked for and removed (<see cref="OrphanedFileSweep"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How old a stored file must be before the sweep may remove it for want of a message: far longer than an upload
    /// takes from being stored to being appended, so a file on its way into a conversation is never taken.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longer side of an image's preview, in pixels.</summary>
    [Range(16, 2048)]
    public int PreviewSize { get; set; } = 320;
}
