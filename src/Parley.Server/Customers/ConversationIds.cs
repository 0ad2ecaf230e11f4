using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Customers;

/// <summary>
/// The edge chooses each new conversation's id. A start sent with an <c>Idempotency-Key</c> gets an id derived from
/// that key under the installation key, so a retried start — on any edge, after the core did or did not start the
/// chat — names the same conversation, and the core starts it once. A client cannot pick an id: it would need the
/// installation key to aim at someone else's, and the key it sent is known to it alone.
/// </summary>
public sealed class ConversationIds
{
    /// <summary>16–64 characters of letters, digits, <c>-</c> and <c>_</c> (a UUID fits): enough to be unguessable.</summary>
    public const int MinKeyLength = 16;
    public const int MaxKeyLength = 64;
    private readonly byte[] _key;

    public ConversationIds(IOptions<ParleyOptions> options)
    {
        _key = InstallationKey.LoadOrCreate(options.Value);
    }

    /// <summary>A new time-ordered id, for a start without a key.</summary>
    public static Guid New() => Guid.CreateVersion7();

    public static bool IsValidKey(string key) =>
        key.Length is >= MinKeyLength and <= MaxKeyLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The id of the conversation a start with this (valid) key makes: an RFC 9562 version 8 UUID.</summary>
    public Guid For(string idempotencyKey) => Derive("parley-start:", idempotencyKey);

    /// <summary>The id of the message (a conversation of kind message) left with this (valid) key: never a chat's.</summary>
    public Guid ForMessage(string idempotencyKey) => Derive("parley-message:", idempotencyKey);

    private Guid Derive(string purpose, string idempotencyKey)
    {
        Span<byte> mac = stackalloc byte[32];
        // Domain-separated from the customer and visitor tokens signed with the same key, and chats from messages.
        HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(purpose + idempotencyKey), mac);
        mac[6] = (byte)((mac[6] & 0x0F) | 0x80);
        mac[8] = (byte)((mac[8] & 0x3F) | 0x80);
        return new Guid(mac[..16], bigEndian: true);
    }
}
