using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using Parley.Routing;
using Parley.Server.Accounts;
using Parley.Server.Agents;
using Parley.Server.Components.Desk;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;

namespace Parley.Server.Components.Pages;

/// <summary>
/// The agent desktop: offers, several chats at once, presence and routing status, transfers, manual pick. Every
/// action goes through <see cref="AgentDesk"/>; events come from <see cref="AgentNotifier"/> and
/// <see cref="LiveBoard.Changed"/> (on other threads) and are applied on the circuit's dispatcher.
/// </summary>
public sealed partial class Desktop : IDisposable
{
    private static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan TypingSentEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan NoteShownFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BoardRefreshDelay = TimeSpan.FromMilliseconds(300);

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<OfferView> _offers = [];
    private readonly List<ChatTab> _tabs = [];
    private readonly List<Note> _notes = [];
    private readonly HashSet<Guid> _busyOffers = [];
    private readonly HashSet<Guid> _busyPicks = [];
    private IReadOnlyList<WaitingChatView> _heldMessages = [];
    private int _ticks;
    private IReadOnlyList<WaitingChatView> _pickList = [];
    private bool _hasManualPick;
    private TransferState? _transfer;
    private int _boardRefreshPending;
    private IDisposable? _subscription;
    private IDisposable? _connection;
    private Timer? _timer;
    private string _username = "";
    private string _displayName = "";
    private bool _supervisor;
    private AgentStateView _state = AgentStateView.Offline;
    private bool _presenceBusy;
    private bool _loaded;
    private Guid? _activeId;
    private string? _error;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private string? _title;
    private bool _disposed;

    [Inject] private AgentDesk Desk { get; set; } = default!;
    [Inject] private AgentNotifier Notifier { get; set; } = default!;
    [Inject] private DeskConnection Connection { get; set; } = default!;
    [Inject] private LiveBoard Board { get; set; } = default!;
    [Inject] private QueueCatalog Queues { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private AgentDirectory Directory { get; set; } = default!;
    [Inject] private OverdueReplies Overdue { get; set; } = default!;
    [Inject] private CannedResponses.CannedResponseSending CannedSending { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private ChatTab? Active => _tabs.Find(t => t.Id == _activeId);

    /// <summary>An account in no queue (an admin, say) receives no chats: the desk says so instead of asking it to go Available.</summary>
    private bool ServesNoQueue => Directory.Find(_username) is { Queues.Count: 0 };

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _username = user.Username();
        _displayName = user.DisplayName();
        _supervisor = user.IsSupervisor();
        _state = Desk.StateOf(_username);

        // Subscribe first, so nothing that happens while loading is missed (both paths dedupe).
        _subscription = Notifier.Subscribe(_username, OnAgentEventAsync);
        _connection = Connection.Track(_username);
        Board.Changed += OnBoardChanged;
        // Paces the repaint of the counting clocks only, on real time; what they show reads the TimeProvider (Now).
        _timer = new Timer(_ => _ = InvokeAsync(Tick), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));

        try
        {
            var (conversations, offers) = await Desk.GetWorkAsync(_username, _stopping.Token);
            foreach (var offer in offers.Where(o => !_offers.Exists(x => x.OfferId == o.OfferId)))
            {
                _offers.Add(offer);
            }

            foreach (var conversation in conversations)
            {
                OpenTab(conversation, activate: _activeId is null);
            }

            await RefreshFromBoardAsync();
        }
        catch (CoreException e)
        {
            _error = e.Message;
        }

        _loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            var zone = await TryJsAsync<string>("parleyDesk.timeZone");
            if (DeskText.Zone(zone) is { } found && found != TimeZoneInfo.Utc)
            {
                _zone = found;
                StateHasChanged();
            }
        }

        // New offers and chats with unread customer messages: what waits for the agent, readable from another tab.
        var waiting = _offers.Count + _tabs.Count(t => t.Unread > 0);
        var title = waiting > 0 ? $"({waiting}) Parley Agent" : "Parley Agent";
        if (title != _title)
        {
            _title = title;
            await TryJsAsync<object>("parleyDesk.setTitle", title);
        }
    }

    // Runs on a routing or conversation thread: hand the event to the circuit's dispatcher, nothing more.
    private async Task OnAgentEventAsync(AgentEvent agentEvent)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await InvokeAsync(() => Apply(agentEvent));
        }
        catch (ObjectDisposedException)
        {
            // The desktop closed meanwhile.
        }
    }

    private void Apply(AgentEvent agentEvent)
    {
        if (_disposed)
        {
            return;
        }

        switch (agentEvent)
        {
            case OfferView offer when !_offers.Exists(o => o.OfferId == offer.OfferId):
                _offers.Add(offer);
                _ = TryJsAsync<object>("parleyDesk.offered", $"New chat from {offer.CustomerName}", offer.QueueDisplayName);
                break;
            case OfferWithdrawnView withdrawn:
                if (_offers.Find(o => o.OfferId == withdrawn.OfferId) is { } gone)
                {
                    _offers.Remove(gone);
                    _busyOffers.Remove(gone.OfferId);
                    AddNote(DeskText.WithdrawnNote(gone.CustomerName, withdrawn.Reason));
                }

                break;
            case AssignedConversationView assigned:
                _offers.RemoveAll(o => o.ConversationId == assigned.ConversationId);
                OpenTab(assigned, activate: Active is null || Active.Ended);
                break;
            case AgentMessageView message when _tabs.Find(t => t.Id == message.ConversationId) is { } tab:
                if (tab.Add(message.Message) && message.Message.Sender == MessageSender.Customer)
                {
                    var background = tab.Id != _activeId;
                    if (background)
                    {
                        tab.Unread++;
                    }

                    // desk.js decides: a chime (if on) for a chat in the background or an unfocused desk, a notification when unfocused.
                    _ = TryJsAsync<object>("parleyDesk.customerMessage", tab.Conversation.CustomerName, message.Message.Text, background);
                }

                break;
            case CustomerTypingView typing when _tabs.Find(t => t.Id == typing.ConversationId) is { } tab:
                tab.TypingUntil = Now + TypingShownFor;
                break;
            case ConversationEndedView ended when _tabs.Find(t => t.Id == ended.ConversationId) is { } tab:
                tab.EndedBy = ended.EndedBy;
                tab.ConfirmingClose = false;
                tab.TypingUntil = null;
                break;
            case AgentStateView state:
                // Routing changed our presence on its own (say, Away after a missed offer): say why.
                if (!_presenceBusy && state.Presence != _state.Presence && state.Reason is { Length: > 0 } reason)
                {
                    AddNote($"Set to {DeskText.PresenceName(state.Presence)}: {reason}");
                }

                _state = state;
                break;
            case TransferFailedView failed when _tabs.Find(t => t.Id == failed.ConversationId) is { } tab:
                tab.TransferPendingTo = null;
                // The note given with it was not stored: the agent gets its text back to reuse.
                AddNote(DeskText.TransferFailedNote(failed.ToAgentName, tab.Conversation.CustomerName, failed.Reason)
                    + (failed.NoteText is { } note ? $". Your note was not saved: “{note}”" : ""));
                break;
            case CustomerReachabilityView reachability when _tabs.Find(t => t.Id == reachability.ConversationId) is { } tab:
                tab.Conversation = tab.Conversation with { CustomerReachable = reachability.CustomerReachable };
                break;
            case ReplyOverdueView overdue when _tabs.Find(t => t.Id == overdue.ConversationId) is { } tab:
                tab.ReplyOverdueSince = overdue.WaitingSince;
                break;
            case CustomerPageView page when _tabs.Find(t => t.Id == page.ConversationId) is { } tab:
                tab.Page = page;
                break;
            case ConversationTransferredView transferred when _tabs.Find(t => t.Id == transferred.ConversationId) is { } tab:
                TransferredAway(tab, transferred.ToAgentName, transferred.ToQueue);
                break;
            default:
                return;
        }

        StateHasChanged();
    }

    private void Tick()
    {
        if (_disposed)
        {
            return;
        }

        var now = Now;
        // A message left out of hours changes nothing on the board: its list is read every five seconds as well.
        if (++_ticks % 10 == 0)
        {
            _ = InvokeAsync(async () =>
            {
                if (!_disposed && await RefreshHeldMessagesAsync())
                {
                    StateHasChanged();
                }
            });
        }

        // Counting clocks: offer countdowns, the wrap-up countdown, how long picked-list chats have waited.
        var changed = _offers.Count > 0 || _state.Status == AgentStatus.WrapUp || _pickList.Count > 0;
        changed |= _notes.RemoveAll(n => n.Until <= now) > 0;
        foreach (var tab in _tabs.Where(t => t.TypingUntil is { } until && until <= now))
        {
            tab.TypingUntil = null;
            changed = true;
        }

        // Routing withdraws expired offers; drop any it could not tell us about.
        changed |= _offers.RemoveAll(o => o.ExpiresAt < now - TimeSpan.FromSeconds(5)) > 0;
        if (changed)
        {
            StateHasChanged();
        }
    }

    private void OpenTab(AssignedConversationView conversation, bool activate)
    {
        var tab = _tabs.Find(t => t.Id == conversation.ConversationId);
        if (tab is null)
        {
            // A desk opened (or reloaded) while a reply is overdue shows it at once, not only at the next change.
            tab = new ChatTab(conversation) { ReplyOverdueSince = Overdue.Find(conversation.ConversationId)?.WaitingSince };
            _tabs.Add(tab);
            _ = LoadTranscriptAsync(tab);
        }
        else
        {
            tab.Conversation = conversation;
        }

        if (activate)
        {
            Activate(tab.Id);
        }
    }

    private void Activate(Guid id)
    {
        _activeId = id;
        if (_tabs.Find(t => t.Id == id) is { } tab)
        {
            tab.Unread = 0;
        }
    }

    private void AddNote(string text) => _notes.Add(new Note(text, Now + NoteShownFor));

    /// <summary>The chat left this agent (transfer accepted, or put in a queue): its tab goes, with a note.</summary>
    private void TransferredAway(ChatTab tab, string? toAgentName, string? toQueue)
    {
        if (_transfer?.ConversationId == tab.Id)
        {
            _transfer = null;
        }

        Dismiss(tab);
        AddNote(toAgentName is not null
            ? $"Chat with {tab.Conversation.CustomerName} transferred to {toAgentName}"
            : $"Chat with {tab.Conversation.CustomerName} moved to the {toQueue ?? "other"} queue");
    }

    // Raised on the routing thread after every routing command: never call routing here; coalesce and go.
    private void OnBoardChanged()
    {
        if (_disposed || Interlocked.Exchange(ref _boardRefreshPending, 1) == 1)
        {
            return;
        }

        _ = RefreshSoonAsync();
    }

    private async Task RefreshSoonAsync()
    {
        try
        {
            await Task.Delay(BoardRefreshDelay, _stopping.Token); // repaint pacing, not the server's time: real
            Volatile.Write(ref _boardRefreshPending, 0);
            await InvokeAsync(async () =>
            {
                if (!_disposed && await RefreshFromBoardAsync())
                {
                    StateHasChanged();
                }
            });
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The desktop closed meanwhile.
        }
    }

    /// <summary>Re-reads the messages waiting for the agent's queues; true when the list changed.</summary>
    private async Task<bool> RefreshHeldMessagesAsync()
    {
        try
        {
            var held = await Desk.GetHeldMessagesAsync(_username, _stopping.Token);
            if (held.Select(m => m.ConversationId).SequenceEqual(_heldMessages.Select(m => m.ConversationId)))
            {
                return false;
            }

            _heldMessages = held;
            return true;
        }
        catch (Exception e) when (e is CoreException or OperationCanceledException)
        {
            return false; // the next refresh tries again
        }
    }

    /// <summary>Re-reads what depends on the live board: the pick list, the transfer targets and the held messages. True when something changed.</summary>
    private async Task<bool> RefreshFromBoardAsync()
    {
        var changed = false;
        var me = Board.Agent(_username);
        var hasManualPick = me is not null && me.Queues.Any(m => Queues.Find(m.Queue)?.ManualPick == true);
        if (hasManualPick != _hasManualPick)
        {
            _hasManualPick = hasManualPick;
            changed = true;
        }

        if (_hasManualPick)
        {
            try
            {
                var list = await Desk.GetPickListAsync(_username, _stopping.Token);
                if (!list.Select(c => (c.ConversationId, c.Position, c.BeingOffered)).SequenceEqual(_pickList.Select(c => (c.ConversationId, c.Position, c.BeingOffered))))
                {
                    _pickList = list;
                    changed = true;
                }
            }
            catch (CoreException)
            {
                // The next change tries again.
            }
        }
        else if (_pickList.Count > 0)
        {
            _pickList = [];
            changed = true;
        }

        if (_transfer is { } transfer)
        {
            _transfer = transfer with { Targets = Desk.GetTransferTargets(_username) };
            changed = true;
        }

        changed |= await RefreshHeldMessagesAsync();

        return changed;
    }

    private async Task<T?> TryJsAsync<T>(string identifier, params object?[] args)
    {
        try
        {
            return await JS.InvokeAsync<T>(identifier, _stopping.Token, args);
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or TaskCanceledException or InvalidOperationException)
        {
            // No browser (closing, or not yet connected): the desktop works without these extras.
            return default;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Board.Changed -= OnBoardChanged;
        _subscription?.Dispose();
        _connection?.Dispose();
        _timer?.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private sealed record TransferState(Guid ConversationId, TransferTargetsView Targets, bool Busy = false);

    private sealed class Note(string text, DateTimeOffset until)
    {
        public string Text { get; } = text;
        public DateTimeOffset Until { get; } = until;
    }
}
