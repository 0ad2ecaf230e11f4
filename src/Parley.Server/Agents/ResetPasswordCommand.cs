using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Admin;
using Parley.Server.Hosting;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>
/// <c>parley reset-password &lt;username&gt;</c>: sets an account's password from standard input (one line) and ends
/// every session of the account, for an administrator who lost the only admin password. Reads the server's
/// configuration (appsettings, environment, <c>--Parley:…</c> arguments) to find the same database, SQLite or
/// PostgreSQL; starts no web server. A core that is running on that database ends the account's open sessions and
/// takes the new password within <see cref="SessionOptions.RevalidateInterval"/> (<see cref="AccountRevalidation"/>).
/// Exit code: 0 done, 1 failed (no database, password refused), 2 no such user, 64 usage error.
/// </summary>
public static class ResetPasswordCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int UnknownUser = 2;
    public const int UsageError = 64;

    private const string Usage = """
        Usage: echo '<new password>' | parley reset-password <username> [--Parley:DataDirectory=<dir>] [other server settings]
          Sets the password of <username> to the first line of standard input and ends all of the account's sessions
          (a running core notices within Parley:Sessions:RevalidateInterval, 10 s by default).
          Exit code: 0 done, 1 failed, 2 no such user, 64 usage error.
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.In, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParseArguments(args, out var username, out var settings))
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        var password = await input.ReadLineAsync(cancellationToken) ?? "";
        if (password.Length is < AdminValidation.MinPasswordLength or > AdminValidation.MaxPasswordLength)
        {
            // The admin API's rule, word for word.
            await error.WriteLineAsync($"The password must be {AdminValidation.MinPasswordLength}–{AdminValidation.MaxPasswordLength} characters (read from the first line of standard input). Nothing was changed.");
            return Failed;
        }

        // The server's own configuration sources and database set-up; nothing listens.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings });
        builder.Logging.ClearProviders();
        builder.Services.AddOptions<ParleyOptions>().Bind(builder.Configuration.GetSection(ParleyOptions.Section));
        builder.Services.AddSingleton<IPasswordHasher<AgentRecord>, PasswordHasher<AgentRecord>>(); // as AgentAuthentication
        // The core's database, whatever role the settings name.
        builder.AddParleyStorage(new ParleyRole(ParleyRoles.Core));
        var options = builder.Configuration.GetSection(ParleyOptions.Section).Get<ParleyOptions>() ?? new ParleyOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var sessions = builder.Configuration.GetSection(SessionOptions.Section).Get<SessionOptions>() ?? new SessionOptions();
        await using var app = builder.Build();
        try
        {
            if (MissingSqliteFile(options, database) is { } missing)
            {
                await error.WriteLineAsync($"There is no database at {missing}: set Parley:DataDirectory (or Parley:Database:*) as the server has it. Nothing was changed.");
                return Failed;
            }

            var hasher = app.Services.GetRequiredService<IPasswordHasher<AgentRecord>>();
            await using var context = await app.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync(cancellationToken);
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            // Only the columns this verb owns are read and written, so it also works on a database a newer or older
            // server version migrated.
            var hash = hasher.HashPassword(new AgentRecord { Username = username, DisplayName = "", PasswordHash = "" }, password);
            var changed = await context.Agents.Where(a => a.Username == username)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.PasswordHash, hash), cancellationToken);
            if (changed == 0)
            {
                await error.WriteLineAsync($"There is no account '{username}'. Nothing was changed.");
                return UnknownUser;
            }

            var ended = await context.AgentSessions.Where(s => s.Username == username).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await output.WriteLineAsync($"The password of '{username}' is set; {ended} session(s) ended. A running core ends them and takes the new password within {sessions.RevalidateInterval.TotalSeconds:0} s.");
            return Done;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // A provider or connection string the server would refuse too, or a database it cannot reach.
            await error.WriteLineAsync($"The database could not be updated: {e.Message}");
            return Failed;
        }
    }

    /// <summary>The username is the verb's; every other argument is a server setting (<c>--Parley:DataDirectory=/srv/parley</c>, or with a space).</summary>
    private static bool TryParseArguments(string[] args, out string username, out string[] settings)
    {
        string? user = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                break;
            }

            if (!arg.StartsWith('-') && user is null)
            {
                user = arg;
                continue;
            }

            rest.Add(arg);
            if (arg.StartsWith("--", StringComparison.Ordinal) && !arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length && !args[i + 1].StartsWith('-'))
            {
                rest.Add(args[++i]);
            }
        }

        username = user?.Trim().ToLowerInvariant() ?? ""; // as sign-in reads it
        settings = [.. rest];
        return username.Length > 0 && !args.Any(a => a is "-h" or "--help");
    }

    /// <summary>The SQLite file the server would use, when it does not exist (opening it would create an empty one).</summary>
    private static string? MissingSqliteFile(ParleyOptions options, DatabaseOptions database)
    {
        if (StorageProviders.Parse(database.Provider) != StorageProvider.Sqlite || !string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return null;
        }

        var path = Path.Combine(DataDirectory.Resolve(options), "parley.db");
        return File.Exists(path) ? null : path;
    }
}
