namespace Parley.Server.Admin;

/// <summary>One integration's key; from a secret store or environment variable (<c>Parley__Integrations__ApiKeys__0__Key</c>), never a committed file.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Which system this is (<c>^[a-z0-9][a-z0-9._-]{0,63}$</c>), for logs.</summary>
    public string Name { get; set; } = "";

    /// <summary>At least 32 characters, sent in the <c>X-Parley-Api-Key</c> header.</summary>
    public string Key { get; set; } = "";
}
