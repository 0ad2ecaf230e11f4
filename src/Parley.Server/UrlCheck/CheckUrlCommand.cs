using System.Globalization;
using System.Text;
using Parley.Server.Hosting;

namespace Parley.Server.UrlCheck;

/// <summary>
/// <c>parley check-url &lt;url&gt; [--timeout 10]</c>: the External URL check from a shell. Reads the server's
/// configuration (appsettings, environment, <c>--Parley:…</c> arguments) to find the installation key, starts no web
/// server, prints the result and exits 0 (valid), 1 (invalid), 2 (unknown) or 64 (usage error).
/// </summary>
public static class CheckUrlCommand
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Unknown = 2;
    public const int UsageError = 64;

    private const string Usage = """
        Usage: parley check-url <url> [--timeout <seconds>] [--Parley:DataDirectory=<dir>] [other server settings]
          Checks that <url> (the external URL of the chat root) reaches a Parley edge of this installation,
          that WebSockets pass through and that no agent/admin path answers there.
          Exit code: 0 valid, 1 invalid, 2 unknown (DNS, connection, time-out, TLS), 64 usage error.
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (ReferenceEquals(output, Console.Out))
        {
            Console.OutputEncoding = Encoding.UTF8;
        }

        if (!TryParseArguments(args, out var url, out var timeout, out var settings, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        if (!UrlChecker.TryParse(url, out var root, out var invalidUrl))
        {
            await error.WriteLineAsync(invalidUrl);
            return UsageError;
        }

        // The server's own configuration sources, in the server's order; nothing is built or started.
        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings }).Configuration;
        var options = configuration.GetSection(ParleyOptions.Section).Get<ParleyOptions>() ?? new ParleyOptions();
        byte[]? key;
        try
        {
            key = InstallationKey.TryLoad(options);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"The installation key cannot be read: {e.Message}");
            return UsageError;
        }

        if (key is null)
        {
            await output.WriteLineAsync($"? unknown: {root}");
            await output.WriteLineAsync($"  - This machine has no installation key ({InstallationKey.PathOf(options)} does not exist): set Parley:DataDirectory to the server's data directory or Parley:InstallationKey to its key.");
            return Unknown;
        }

        using var checker = new UrlChecker(new ProbeSigner(key), timeout);
        var result = await checker.CheckAsync(root, cancellationToken);
        var details = result.Outcome == UrlCheckOutcome.Valid && result.RoundTrip is { } roundTrip
            ? $" (edge '{result.EdgeName}', version {result.EdgeVersion}, {Math.Max(1, (long)Math.Round(roundTrip.TotalMilliseconds))} ms)"
            : "";
        await output.WriteLineAsync($"{result.Mark} {result.Word}: {result.Url}{details}");
        foreach (var reason in result.Reasons)
        {
            await output.WriteLineAsync($"  - {reason}");
        }

        return result.Outcome switch
        {
            UrlCheckOutcome.Valid => Valid,
            UrlCheckOutcome.Invalid => Invalid,
            _ => Unknown,
        };
    }

    /// <summary>The URL and <c>--timeout</c> are the verb's; every other argument is a server setting.</summary>
    private static bool TryParseArguments(string[] args, out string? url, out TimeSpan timeout, out string[] settings, out string problem)
    {
        url = null;
        timeout = UrlChecker.DefaultTimeout;
        problem = "";
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? seconds = null;
            if (arg == "--timeout")
            {
                if (i + 1 >= args.Length)
                {
                    problem = "--timeout needs a number of seconds.";
                    settings = [];
                    return false;
                }

                seconds = args[++i];
            }
            else if (arg.StartsWith("--timeout=", StringComparison.Ordinal))
            {
                seconds = arg["--timeout=".Length..];
            }
            else if (arg is "-h" or "--help")
            {
                problem = "check-url: the External URL check.";
                settings = [];
                return false;
            }
            else if (!arg.StartsWith('-') && url is null)
            {
                url = arg;
                continue;
            }
            else
            {
                // A setting: --Parley:DataDirectory=/srv/parley, or --Parley:DataDirectory /srv/parley.
                rest.Add(arg);
                if (arg.StartsWith("--", StringComparison.Ordinal) && !arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length && !args[i + 1].StartsWith('-'))
                {
                    rest.Add(args[++i]);
                }

                continue;
            }

            if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value is > 0 and <= 300))
            {
                problem = $"--timeout must be a number of seconds between 0 and 300, not '{UrlCheckWording.Sanitize(seconds)}'.";
                settings = [];
                return false;
            }

            timeout = TimeSpan.FromSeconds(value);
        }

        settings = [.. rest];
        if (url is null)
        {
            problem = "check-url needs the URL to check.";
            return false;
        }

        return true;
    }
}
