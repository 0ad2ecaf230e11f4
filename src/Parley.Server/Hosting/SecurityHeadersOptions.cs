namespace Parley.Server.Hosting;

/// <summary>The <c>Parley:SecurityHeaders</c> section.</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "Parley:SecurityHeaders";

    /// <summary>The <c>Referrer-Policy</c> of every response: by default no address of a desk or demo page leaves with a link or request.</summary>
    public string ReferrerPolicy { get; set; } = "no-referrer";
}
