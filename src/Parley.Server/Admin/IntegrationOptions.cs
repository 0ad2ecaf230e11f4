namespace Parley.Server.Admin;

/// <summary><c>Parley:Integrations</c>: other systems (phone platform, CRM) that call the integration endpoints.</summary>
public sealed class IntegrationOptions
{
    public const string Section = "Parley:Integrations";

    /// <summary>API keys of other systems (phone platform, CRM) for the integration endpoints.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}
