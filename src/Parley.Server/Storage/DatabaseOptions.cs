namespace Parley.Server.Storage;

/// <summary><c>Parley:Database</c>: where the core keeps conversations, queues and agents.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Parley:Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c> (with <see cref="ConnectionString"/>).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Overrides the default <c>Data Source={DataDirectory}/parley.db</c>.</summary>
    public string? ConnectionString { get; set; }
}
