using Microsoft.AspNetCore.Identity;
using Parley.Server.Storage;

namespace Parley.Server.Accounts;

public static class AccountsExtensions
{
    /// <summary>Agent accounts kept in memory, and the password hasher their sign-in checks use.</summary>
    public static IHostApplicationBuilder AddParleyAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPasswordHasher<AgentRecord>, PasswordHasher<AgentRecord>>();
        builder.Services.AddSingleton<AgentDirectory>();
        return builder;
    }
}
