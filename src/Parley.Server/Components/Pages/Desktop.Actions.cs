using Parley.Routing;
using Parley.Server.Components.Desk;
using Parley.Server.Contracts;

namespace Parley.Server.Components.Pages;

// The agent's actions. Each goes through AgentDesk; a failure shows its plain-words reason.
public sealed partial class Desktop
{
    private async Task SetPresenceAsync(PresenceChoice choice)
    {
        if (choice.Presence == AgentPresence.Available)
        {
            // A click is the user gesture browsers want before asking.
            _ = TryJsAsync<object>("parleyDesk.requestNotifications");
        }

        _presenceBusy = true;
        try
        {
            await Desk.SetPresenceAsync(_username, choice.Presence, choice.Reason, _stopping.Token);
            _state = Desk.StateOf(_username);
        }
        catch (CoreException e)
        {
            _error = e.Message;
        }
        finally
        {
            _presenceBusy = false;
        }
    }

    private async Task EndWrapUpAsync()
    {
        _presenceBusy = true;
        try
        {
            await Desk.EndWrapUpAsync(_username, _stopping.Token);
            _state = Desk.StateOf(_username);
        }
        catch (CoreException e)
        {
            _error = e.Message;
        }
        finally
        {
            _presenceBusy = false;
        }
    }

    private void OpenTransfer(ChatTab tab) =>
        _transfer = new TransferState(tab.Id, Desk.GetTransferTargets(_username));

    private async Task TransferAsync(TransferChoice choice)
    {
        if (_transfer is not { Busy: false } transfer || _tabs.Find(t => t.Id == transfer.ConversationId) is not { } tab)
        {
            return;
        }

        _transfer = transfer with { Busy = true };
        try
        {
            if (choice.Agent is { } agent)
            {
                await Desk.TransferToAgentAsync(_username, tab.Id, agent, choice.Note, _stopping.Token);
                // It stays here until the other agent answers (TransferFailed or ConversationTransferred follows).
                if (_tabs.Contains(tab))
                {
                    tab.TransferPendingTo = transfer.Targets.Agents.FirstOrDefault(a => a.Username == agent)?.DisplayName ?? agent;
                }
            }
            else if (choice.Queue is { } queue)
            {
                await Desk.TransferToQueueAsync(_username, tab.Id, queue, choice.Note, _stopping.Token);
                if (_tabs.Contains(tab))
                {
                    TransferredAway(tab, null, transfer.Targets.Queues.FirstOrDefault(q => q.Name == queue)?.DisplayName ?? queue);
                }
            }

            _transfer = null;
        }
        catch (CoreException e)
        {
            _error = e.Message;
            if (_transfer is not null)
            {
                _transfer = _transfer with { Busy = false, Targets = Desk.GetTransferTargets(_username) };
            }
        }
    }

    private async Task TakeMessageAsync(WaitingChatView message)
    {
        if (!_busyPicks.Add(message.ConversationId))
        {
            return;
        }

        try
        {
            var conversation = await Desk.TakeMessageAsync(_username, message.ConversationId, _stopping.Token);
            OpenTab(conversation, activate: true);
            _heldMessages = [.. _heldMessages.Where(m => m.ConversationId != message.ConversationId)];
        }
        catch (CoreException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busyPicks.Remove(message.ConversationId);
        }
    }

    private async Task PickAsync(WaitingChatView chat)
    {
        if (!_busyPicks.Add(chat.ConversationId))
        {
            return;
        }

        try
        {
            var conversation = await Desk.PickAsync(_username, chat.ConversationId, _stopping.Token);
            OpenTab(conversation, activate: true);
            _pickList = [.. _pickList.Where(c => c.ConversationId != chat.ConversationId)];
        }
        catch (CoreException e)
        {
            // Refused because the agent's state changed meanwhile: say so in the desk's words.
            _error = DeskText.PickBlocked(Desk.StateOf(_username)) ?? e.Message;
        }
        finally
        {
            _busyPicks.Remove(chat.ConversationId);
        }
    }

    private Task AcceptAsync(OfferView offer) => AnswerOfferAsync(offer, async () =>
    {
        var conversation = await Desk.AcceptAsync(_username, offer.OfferId, _stopping.Token);
        OpenTab(conversation, activate: true);
    });

    private Task DeclineAsync(OfferView offer) =>
        AnswerOfferAsync(offer, () => Desk.DeclineAsync(_username, offer.OfferId, _stopping.Token));

    /// <summary>Accept or decline, once per offer: the card leaves whatever the answer.</summary>
    private async Task AnswerOfferAsync(OfferView offer, Func<Task> answer)
    {
        if (!_busyOffers.Add(offer.OfferId))
        {
            return;
        }

        try
        {
            await answer();
        }
        catch (CoreException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busyOffers.Remove(offer.OfferId);
            _offers.RemoveAll(o => o.OfferId == offer.OfferId);
        }
    }

    private async Task SendAsync(ChatTab tab)
    {
        var text = tab.Draft;
        if (tab.CannedFile is { } canned && !tab.Sending && !tab.Ended)
        {
            await SendWithCannedFileAsync(tab, canned, text);
            return;
        }

        if (string.IsNullOrWhiteSpace(text) || tab.Sending || tab.Ended)
        {
            return;
        }

        var clientMessageId = Guid.NewGuid().ToString();
        tab.Sending = true;
        tab.Draft = "";
        try
        {
            var accepted = await Desk.SendAsync(_username, tab.Id, clientMessageId, text, _stopping.Token);
            // Usually the message event came first; if not, show it now (the seq keeps it from showing twice).
            tab.Add(new MessageView(accepted.Seq, MessageSender.Agent, _displayName, text.Trim(), accepted.SentAt, clientMessageId));
        }
        catch (CoreException e)
        {
            _error = e.Message;
            if (tab.Draft.Length == 0)
            {
                tab.Draft = text;
            }
        }
        finally
        {
            tab.Sending = false;
        }
    }

    /// <summary>A reply from a canned response with a file: both go, or (a file gone, say) nothing and the reason.</summary>
    private async Task SendWithCannedFileAsync(ChatTab tab, CannedResponses.CannedResponse canned, string text)
    {
        tab.Sending = true;
        try
        {
            var (_, sent) = await CannedSending.SendAsync(_username, tab.Id, canned.Id, text, _stopping.Token);
            tab.CannedFile = null;
            if (tab.Draft == text)
            {
                tab.Draft = "";
            }

            if (sent is { } accepted)
            {
                tab.Add(new MessageView(accepted.Seq, MessageSender.Agent, _displayName, text.Trim(), accepted.SentAt, null));
            }
        }
        catch (CoreException e)
        {
            _error = e.Message;
        }
        finally
        {
            tab.Sending = false;
        }
    }

    // Called by the composer on every edit; tells the customer at most once every two seconds.
    private async Task TypingAsync(ChatTab tab)
    {
        var now = Now;
        if (tab.Ended || now - tab.LastTypingSent < TypingSentEvery)
        {
            return;
        }

        tab.LastTypingSent = now;
        try
        {
            await Desk.TypingAsync(_username, tab.Id, _stopping.Token);
        }
        catch (CoreException)
        {
            // Only a hint to the customer; not worth an alert.
        }
    }

    private async Task CloseAsync(ChatTab tab)
    {
        tab.ConfirmingClose = false;
        try
        {
            await Desk.CloseAsync(_username, tab.Id, _stopping.Token);
            tab.EndedBy ??= "agent";
            _error = null; // a refusal shown before (no wrap-up code yet) is answered now
        }
        catch (CoreException e)
        {
            _error = e.Message;
        }
    }

    private void Dismiss(ChatTab tab)
    {
        var index = _tabs.IndexOf(tab);
        _tabs.Remove(tab);
        if (_activeId == tab.Id)
        {
            _activeId = _tabs.Count == 0 ? null : _tabs[Math.Clamp(index, 0, _tabs.Count - 1)].Id;
            if (Active is { } next)
            {
                next.Unread = 0;
            }
        }
    }

    private async Task LoadTranscriptAsync(ChatTab tab)
    {
        // Never run inside an event handler's turn: let it finish first.
        await Task.Yield();
        try
        {
            var messages = await Desk.GetTranscriptAsync(_username, tab.Id, _stopping.Token);
            foreach (var message in messages)
            {
                tab.Add(message);
            }
        }
        catch (CoreException e)
        {
            _error = e.Message;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        tab.Loaded = true;
        tab.Touch();
        StateHasChanged();
    }
}
