using System.Globalization;
using NodaTime.Text;
using Parley.ReportBench.Generation;
using Parley.Server.Storage;

namespace Parley.ReportBench;

/// <summary><c>Parley.Reports [--flag value]…</c>: what to generate, where, and how often to time each report.</summary>
public sealed record BenchOptions
{
    public YearShape Shape { get; init; } = YearShape.Full;

    /// <summary>The providers to run on, in order.</summary>
    public IReadOnlyList<StorageProvider> Providers { get; init; } = [StorageProvider.Sqlite, StorageProvider.Postgres];

    /// <summary>The SQLite file.</summary>
    public string SqlitePath { get; init; } = Path.Combine(Path.GetTempPath(), "parley-reports", "reports.db");

    /// <summary>A PostgreSQL server (a role with CREATEDB): the run creates its database there.</summary>
    public string? Postgres { get; init; } = Environment.GetEnvironmentVariable("PARLEY_BENCH_POSTGRES");

    /// <summary>The database the run creates (again) on that server.</summary>
    public string PostgresDatabase { get; init; } = "parley_reports_bench";

    /// <summary>Timed runs of each report (after one untimed warm-up).</summary>
    public int Runs { get; init; } = 20;

    /// <summary>Time the reports of the database a previous run left, without generating again.</summary>
    public bool Reuse { get; init; }

    /// <summary>
    /// Only let one projection (<c>queues</c> or <c>agents</c>) catch up on the database a run left, then stop: two
    /// processes fold a year's log side by side (the projections are independent) before a <c>--reuse</c> run times.
    /// </summary>
    public string? OnlyCatchUp { get; init; }

    /// <summary>Where the Markdown results go (also printed).</summary>
    public string? Out { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var shape = YearShape.Full;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Number() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{name}: a positive whole number.");
            switch (name)
            {
                case "--smoke":
                    shape = YearShape.Smoke with { Seed = shape.Seed };
                    break;
                case "--conversations":
                    shape = shape with { Conversations = Number() };
                    break;
                case "--days":
                    shape = shape with { Days = Number() };
                    break;
                case "--queues":
                    shape = shape with { Queues = Number() };
                    break;
                case "--agents":
                    shape = shape with { Agents = Number() };
                    break;
                case "--seed":
                    shape = shape with { Seed = Number() };
                    break;
                case "--start":
                    shape = shape with { Start = LocalDatePattern.Iso.Parse(Value()).GetValueOrThrow() };
                    break;
                case "--zone":
                    shape = shape with { Zone = Value() };
                    break;
                case "--provider":
                    options = options with
                    {
                        Providers = Value().ToLowerInvariant() switch
                        {
                            "sqlite" => [StorageProvider.Sqlite],
                            "postgres" => [StorageProvider.Postgres],
                            "both" => [StorageProvider.Sqlite, StorageProvider.Postgres],
                            var other => throw new ArgumentException($"--provider: sqlite, postgres or both, not '{other}'."),
                        },
                    };
                    break;
                case "--sqlite":
                    options = options with { SqlitePath = Value() };
                    break;
                case "--postgres":
                    options = options with { Postgres = Value() };
                    break;
                case "--postgres-database":
                    options = options with { PostgresDatabase = Value() };
                    break;
                case "--runs":
                    options = options with { Runs = Number() };
                    break;
                case "--reuse":
                    options = options with { Reuse = true };
                    break;
                case "--only-catch-up":
                    options = options with
                    {
                        Reuse = true,
                        OnlyCatchUp = Value() switch
                        {
                            "queues" => "queues",
                            "agents" => "agents",
                            var other => throw new ArgumentException($"--only-catch-up: queues or agents, not '{other}'."),
                        },
                    };
                    break;
                case "--out":
                    options = options with { Out = Value() };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'. See bench/Parley.Reports/README.md.");
            }
        }

        return options with { Shape = shape };
    }
}
