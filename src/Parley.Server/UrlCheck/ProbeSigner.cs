using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Parley.Server.UrlCheck;

/// <summary>
/// Proves that an edge belongs to this installation without revealing anything about the installation key: the proof
/// of a nonce is a base64url HMAC-SHA256 of <c>parley-probe:{nonce}</c> under a probe key, itself an HMAC of a fixed
/// label under the installation key. Knowing proofs gives nobody customer tokens, and the raw key is never used.
/// </summary>
public sealed class ProbeSigner
{
    public const int MinNonceLength = 16;
    public const int MaxNonceLength = 128;
    private readonly byte[] _probeKey;

    public ProbeSigner(byte[] installationKey)
    {
        ArgumentNullException.ThrowIfNull(installationKey);
        _probeKey = HMACSHA256.HashData(installationKey, ProbeKeyLabel);
    }

    /// <summary>A nonce is 16–128 characters of <c>[A-Za-z0-9_-]</c> (base64url), so it never needs escaping.</summary>
    public static bool IsNonce(string? nonce) =>
        nonce is { Length: >= MinNonceLength and <= MaxNonceLength } && nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A fresh random nonce (32 characters).</summary>
    public static string NewNonce() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));

    public string Prove(string nonce)
    {
        if (!IsNonce(nonce))
        {
            throw new ArgumentException("Not a probe nonce.", nameof(nonce));
        }

        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_probeKey, Encoding.ASCII.GetBytes("parley-probe:" + nonce)));
    }

    /// <summary>Whether <paramref name="proof"/> is this installation's proof of <paramref name="nonce"/> (constant time).</summary>
    public bool Verify(string nonce, string? proof)
    {
        if (string.IsNullOrEmpty(proof) || proof.Length > 64)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Prove(nonce));
        var actual = Encoding.UTF8.GetBytes(proof);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static ReadOnlySpan<byte> ProbeKeyLabel => "parley-edge-probe-key:v1"u8;
}
