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

    private readonly IDataProtector _protector = protection.CreateProtector("Parley.Files.Links.v1");

    /// <summary>The message's view with its attachment's links, minted now for <paramref name="audience"/>.</summary>
    public MessageView Attach(MessageView view, MessageRecord message, LinkAudience audience) =>
        message.AttachmentId is { } id ? view with { Attachment = ViewOf(id, message.AttachmentName!, message.AttachmentType!, message.AttachmentSize ?? 0, audience) } : view;

    public AttachmentView ViewOf(Guid id, string name, string contentType, long size, LinkAudience audience)
    {
        var type = FileType.FromContentType(contentType);
        var preview = type is { IsRasterImage: true } ? Mint(id, FileVariant.Preview, ImagePreviews.PreviewTypeOf(type).ContentType, name, audience) : null;
        return new AttachmentView(id, name, contentType, size, Mint(id, FileVariant.Original, contentType, name, audience), preview);
    }

    private string Mint(Guid id, FileVariant variant, string contentType, string name, LinkAudience audience)
    {
        var link = new FileLink(id, variant, contentType, name, audience, time.GetUtcNow() + options.Value.LinkLifetime);
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
