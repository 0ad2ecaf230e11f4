using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Files;

/// <summary>
/// Download links: a <see cref="FileLink"/> sealed with ASP.NET Core Data Protection (encrypted and authenticated with
/// the core's key ring), minted each time a message is read or pushed and never stored. The expiry is inside the sealed
/// payload and checked on the server's clock (<see cref="TimeProvider"/>), so tests can let a link run out.
/// </summary>
public sealed class AttachmentLinks(IDataProtectionProvider protection, IOptions<FileEngineOptions> options, TimeProvider time)
{
    public const string CustomerPath = "/api/v1/files/";
    public const string AgentPath = "/api/v1/agent/files/";

    /// <summary>
    /// The desk's lasting address of a file in a conversation (never expires; the agent's rights are checked at each
    /// request), answered with a link minted then (<c>AgentAttachmentEndpoints</c>).
    /// </summary>
    public static string DeskPath(Guid conversationId, Guid attachmentId, FileVariant variant) =>
        $"/api/v1/agent/conversations/{conversationId}/attachments/{attachmentId}" + (variant == FileVariant.Preview ? "/preview" : "");

    private readonly IDataProtector _protector = protection.CreateProtector("Parley.Files.Links.v1");

    /// <summary>The message's view with its attachment's links, minted now for <paramref name="audience"/>.</summary>
    public MessageView Attach(MessageView view, MessageRecord message, LinkAudience audience) =>
        message.AttachmentId is { } id ? view with { Attachment = ViewOf(id, message.AttachmentName!, message.AttachmentType!, message.AttachmentSize ?? 0, audience) } : view;

    public AttachmentView ViewOf(Guid id, string name, string contentType, long size, LinkAudience audience)
    {
        var type = FileType.FromContentType(contentType);
        var lifetime = options.Value.LinkLifetime;
        var preview = type is { IsRasterImage: true } ? Mint(id, FileVariant.Preview, ImagePreviews.PreviewTypeOf(type).ContentType, name, audience, lifetime) : null;
        return new AttachmentView(id, name, contentType, size, Mint(id, FileVariant.Original, contentType, name, audience, lifetime), preview);
    }

    /// <summary>
    /// A file in a mailed transcript: the customer's download link, minted now with the mail's own longer lifetime
    /// (<see cref="FileEngineOptions.MailLinkLifetime"/>: a mail is read later than a chat), absolute under
    /// <paramref name="siteUrl"/> (the edge's address) when one is known; no preview.
    /// </summary>
    public AttachmentView ForMail(AttachmentView file, string? siteUrl)
    {
        var path = Mint(file.Id, FileVariant.Original, file.ContentType, file.Name, LinkAudience.Customer, options.Value.MailLinkLifetime);
        return file with { Url = siteUrl is null ? path : siteUrl.TrimEnd('/') + path, PreviewUrl = null };
    }

    private string Mint(Guid id, FileVariant variant, string contentType, string name, LinkAudience audience, TimeSpan lifetime)
    {
        var link = new FileLink(id, variant, contentType, name, audience, time.GetUtcNow() + lifetime);
        var token = _protector.Protect(JsonSerializer.Serialize(link));
        return (audience == LinkAudience.Agent ? AgentPath : CustomerPath) + token;
    }

    /// <summary>The link a token names, if it is genuine, unexpired and minted for <paramref name="audience"/>; otherwise null.</summary>
    public FileLink? Read(string token, LinkAudience audience)
    {
        FileLink? link;
        try
        {
            link = JsonSerializer.Deserialize<FileLink>(_protector.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }

        return link is not null && link.Audience == audience && link.Expires > time.GetUtcNow() ? link : null;
    }
}
