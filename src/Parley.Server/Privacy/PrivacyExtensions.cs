namespace Parley.Server.Privacy;

public static class PrivacyExtensions
{
    /// <summary>Data protection (core): the queues' retention, applied in the background, and customer erasure.</summary>
    public static IHostApplicationBuilder AddParleyPrivacy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);
        builder.Services.AddSingleton<ConversationPurge>();
        builder.Services.AddSingleton<CustomerErasure>();
        builder.Services.AddSingleton<ConversationRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConversationRetention>());
        return builder;
    }
}
