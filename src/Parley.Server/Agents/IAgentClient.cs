using Parley.Server.Contracts;

namespace Parley.Server.Agents;

/// <summary>Server → agent calls on <c>/hubs/agent</c>.</summary>
public interface IAgentClient
{
    Task Offer(OfferView offer);
    Task OfferWithdrawn(OfferWithdrawnView withdrawn);
    Task Assigned(AssignedConversationView conversation);
    Task Message(AgentMessageView message);
    Task Typing(CustomerTypingView typing);
    Task ConversationEnded(ConversationEndedView ended);
    Task StateChanged(AgentStateView state);
    Task TransferFailed(TransferFailedView failed);
    Task ConversationTransferred(ConversationTransferredView transferred);
    Task CustomerReachability(CustomerReachabilityView reachability);
    Task ReplyOverdue(ReplyOverdueView overdue);
    Task CustomerPage(CustomerPageView page);
    Task Note(AgentNoteView note);

    /// <summary>A message of a chat this supervisor monitors.</summary>
    Task MonitoredMessage(MonitoredMessageView message);
}
