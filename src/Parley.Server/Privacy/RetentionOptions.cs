namespace Parley.Server.Privacy;

/// <summary><c>Parley:Retention</c>: how often the queues' retention is applied.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Parley:Retention";

    /// <summary>How often ended conversations past their queue's retention are removed (default: hourly).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
