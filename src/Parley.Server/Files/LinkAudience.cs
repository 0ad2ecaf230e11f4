namespace Parley.Server.Files;

/// <summary>Who a download link is minted for: a customer downloads through an edge, an agent from the core.</summary>
public enum LinkAudience
{
    Customer,
    Agent,
}
