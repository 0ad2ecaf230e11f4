namespace Parley.Server.Hosting;

/// <summary>What this process runs, from <c>Parley:Role</c>: read before the services are composed.</summary>
public sealed record ParleyRole(string Name)
{
    /// <summary>Routing, storage, agents, admin: roles <c>all</c> and <c>core</c>.</summary>
    public bool HasCore => Name is ParleyRoles.All or ParleyRoles.Core;

    /// <summary>Widget, customer hub and API: roles <c>all</c> and <c>edge</c>.</summary>
    public bool HasEdge => Name is ParleyRoles.All or ParleyRoles.Edge;

    public static ParleyRole From(IConfiguration configuration)
    {
        var name = configuration[$"{ParleyOptions.Section}:{nameof(ParleyOptions.Role)}"] ?? ParleyRoles.All;
        // An unknown role is reported by the options validator with the others; compose as all-in-one meanwhile.
        return new ParleyRole(ParleyRoles.Names.Contains(name, StringComparer.Ordinal) ? name : ParleyRoles.All);
    }
}
