using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Storage;

/// <summary>A provider the server has, and no database at all on an edge.</summary>
internal sealed class DatabaseOptionsValidator(ParleyRole role) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (!StorageProviders.Names.Contains(options.Provider, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Parley:Database:Provider '{options.Provider}' is not supported; use 'Sqlite' or 'Postgres'.");
        }

        if (role.Name == ParleyRoles.Edge && (options.ConnectionString is not null || options.Provider != "Sqlite"))
        {
            // The edge sits in the DMZ: it must not be able to reach conversation history.
            failures.Add("Parley:Database must not be configured for the role 'edge': an edge holds no database connection.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
