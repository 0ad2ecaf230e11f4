using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Parley.Server.UrlCheck;

/// <summary>The URL check's words: network failures explained for an admin, and remote text made safe to show.</summary>
internal static class UrlCheckWording
{
    /// <summary>What went wrong on the way to <paramref name="target"/>, in words an admin can act on.</summary>
    public static string Describe(Exception e, Uri target, TimeSpan timeout)
    {
        var host = target.IdnHost;
        var port = target.Port;
        return e switch
        {
            OperationCanceledException =>
                $"Time-out: {host} did not answer within {Seconds(timeout)} — a firewall may drop the traffic, or the server is overloaded.",
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
                $"DNS failure: the name {host} cannot be resolved — check the spelling and the DNS record.",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError, InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } =>
                $"Connection refused: nothing accepts connections on {host} port {port} — check that the proxy runs and that the firewall lets port {port} through.",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
                $"Cannot connect to {host} port {port}: {Said(Innermost(e))}.",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
                $"TLS error with {host}: {Said(Innermost(e))} — check the certificate (name, expiry, chain) and that port {port} serves HTTPS.",
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } or IOException =>
                $"{host} port {port} closed the connection or answered something other than HTTP — check that this port belongs to the web server.",
            _ => $"The request to {host} port {port} failed: {Said(e)}.",
        };
    }

    public static bool IsNetworkFailure(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested);

    /// <summary>An exception's message as part of a sentence.</summary>
    public static string Said(Exception e) => Sanitize(e.Message, 300).TrimEnd('.', ' ');

    public static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }

    public static string Status(HttpStatusCode code) => $"{(int)code} {ReasonPhrases.GetReasonPhrase((int)code)}".TrimEnd();

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>Remote or typed text made safe to print: no control or formatting characters, at most <paramref name="max"/> characters.</summary>
    public static string Sanitize(string? text, int max = 64)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var clean = new StringBuilder(Math.Min(text.Length, max + 1));
        foreach (var c in text)
        {
            if (clean.Length == max)
            {
                if (char.IsHighSurrogate(clean[^1]))
                {
                    clean.Length--;
                }

                return clean.Append('…').ToString();
            }

            var category = char.GetUnicodeCategory(c);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }
}
