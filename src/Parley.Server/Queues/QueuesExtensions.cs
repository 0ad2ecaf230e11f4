namespace Parley.Server.Queues;

public static class QueuesExtensions
{
    /// <summary>The queues as stored, kept in memory (names, display names, pre-chat questions).</summary>
    public static IHostApplicationBuilder AddParleyQueues(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QueueCatalog>();
        builder.Services.AddSingleton<QueueWorkflows>();
        builder.Services.AddSingleton<CalendarCatalog>();
        builder.Services.AddSingleton<AnnouncementCatalog>();
        return builder;
    }
}
