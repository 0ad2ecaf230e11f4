using Parley.Server.Hosting;
using Parley.Server.RoutingHost;
using Parley.Server.Transport;

namespace Parley.Server.Conversations;

public static class ConversationsExtensions
{
    /// <summary>The core's conversations: the log, the commands, routing's effects on them and the handler of edge requests.</summary>
    public static IHostApplicationBuilder AddParleyConversations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<OpenConversations>();
        services.AddSingleton<ConversationWriter>();
        services.AddSingleton<ConversationLog>();
        services.AddSingleton<ConversationViewBuilder>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<CustomerContexts>();
        // Messages left through the widget's form: tasks routed like chats, held while their queue is closed.
        services.AddSingleton<MessageTasks>();
        services.AddHostedService<MessageRelease>();
        // The satisfaction survey and transcripts by e-mail; whether a queue offers them is its workflow's to say.
        services.AddSingleton<SatisfactionRatings>();
        services.AddSingleton<Transcripts>();
        services.AddSingleton<ConversationAttachments>();
        services.AddSingleton<IRoutingEffectHandler, ConversationRoutingEffects>();
        // The workflow's inactivity rules: warn and close silent customers, alert agents (and the board) of overdue replies.
        services.AddSingleton<OverdueReplies>();
        services.AddHostedService<InactivityWatch>();
        services.AddSingleton<ICoreRequestHandler, CoreRequestHandler>();
        // Issue 20: internal notes (never to an edge), wrap-up codes and tags.
        services.AddSingleton<ConversationNotes>();
        services.AddSingleton<ConversationMonitors>();
        services.AddSingleton<LiveChats>();
        services.AddSingleton<TransferNotes>();
        services.AddSingleton<ConversationWrapUps>();
        services.AddOptionsSection<WrapUpOptions>(WrapUpOptions.Section);
        return builder;
    }
}
