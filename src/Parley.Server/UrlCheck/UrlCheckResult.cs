namespace Parley.Server.UrlCheck;

/// <summary>What the External URL check concluded.</summary>
public enum UrlCheckOutcome
{
    /// <summary>✔ A Parley edge of this installation answers, WebSockets pass, and no internal path is published.</summary>
    Valid,

    /// <summary>✖ Something else answers, another installation, WebSockets fail, or internal paths are published.</summary>
    Invalid,

    /// <summary>? The check could not tell: DNS failure, connection refused, time-out, TLS error.</summary>
    Unknown,
}

/// <summary>The result of checking an external URL.</summary>
/// <param name="Url">The URL that was checked (the chat root, with a trailing slash).</param>
/// <param name="Reasons">One plain sentence per finding, for an admin who is not a network expert.</param>
/// <param name="EdgeName">The name the edge gave (on success; otherwise when known). Remote text: show it as text.</param>
/// <param name="EdgeVersion">The server version the edge gave. Remote text: show it as text.</param>
/// <param name="RoundTrip">How long the probe took, request to answer.</param>
public sealed record UrlCheckResult(
    Uri Url,
    UrlCheckOutcome Outcome,
    IReadOnlyList<string> Reasons,
    string? EdgeName = null,
    string? EdgeVersion = null,
    TimeSpan? RoundTrip = null)
{
    /// <summary>✔, ✖ or ?.</summary>
    public string Mark => Outcome switch
    {
        UrlCheckOutcome.Valid => "✔",
        UrlCheckOutcome.Invalid => "✖",
        _ => "?",
    };

    /// <summary>valid, invalid or unknown.</summary>
    public string Word => Outcome switch
    {
        UrlCheckOutcome.Valid => "valid",
        UrlCheckOutcome.Invalid => "invalid",
        _ => "unknown",
    };
}
