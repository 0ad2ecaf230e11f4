using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Customers;

/// <summary>
/// Customer tokens: the conversation id and an HMAC of it under the installation key. An edge checks them
/// without asking the core or a database, and a token opens exactly one conversation.
/// </summary>
public sealed class CustomerTokens
{
    private const int IdLength = 16;
    private const int MacLength = 32;
    private readonly byte[] _key;

    public CustomerTokens(IOptions<ParleyOptions> options)
    {
        _key = InstallationKey.LoadOrCreate(options.Value);
    }

    public string Issue(Guid conversationId) => Issue(conversationId, CustomerPurpose);

    public Guid? Validate(string? token) => Validate(token, CustomerPurpose);

    /// <summary>
    /// A visitor token names a returning browser (for affinity to the agent who served it last). It opens no
    /// conversation; signed so that nobody can claim another visitor's history.
    /// </summary>
    public string IssueVisitor(Guid visitorId) => Issue(visitorId, VisitorPurpose);

    public Guid? ValidateVisitor(string? token) => Validate(token, VisitorPurpose);

    private string Issue(Guid id, ReadOnlySpan<byte> purpose)
    {
        Span<byte> token = stackalloc byte[IdLength + MacLength];
        id.TryWriteBytes(token[..IdLength]);
        Mac(purpose, token[..IdLength], token[IdLength..]);
        return WebEncoders.Base64UrlEncode(token.ToArray());
    }

    private Guid? Validate(string? token, ReadOnlySpan<byte> purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length != IdLength + MacLength)
        {
            return null;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Mac(purpose, bytes.AsSpan(0, IdLength), expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(IdLength)) ? new Guid(bytes.AsSpan(0, IdLength)) : null;
    }

    private void Mac(ReadOnlySpan<byte> purpose, ReadOnlySpan<byte> id, Span<byte> destination)
    {
        // Domain-separated, so the installation key can sign other things (visitors, edge probes) without confusion.
        Span<byte> message = stackalloc byte[purpose.Length + IdLength];
        purpose.CopyTo(message);
        id.CopyTo(message[purpose.Length..]);
        HMACSHA256.HashData(_key, message, destination);
    }

    private static ReadOnlySpan<byte> CustomerPurpose => "parley-customer-token:"u8;

    private static ReadOnlySpan<byte> VisitorPurpose => "parley-visitor-token:"u8;
}
