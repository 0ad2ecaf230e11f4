namespace Parley.Server.Transport.RabbitMq;

/// <summary>Runs the requests of one conversation one after the other, in delivery order; different conversations in parallel.</summary>
internal sealed class ConversationScheduler
{
    private readonly Dictionary<Guid, Task> _tails = [];
    private readonly Lock _gate = new();

    public Task Run(Guid? conversation, Func<Task> work)
    {
        if (conversation is not { } id)
        {
            return Task.Run(work);
        }

        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(id) ?? Task.CompletedTask;
            var next = previous.ContinueWith(_ => work(), CancellationToken.None, TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
            _tails[id] = next;
            _ = next.ContinueWith(done =>
            {
                lock (_gate)
                {
                    if (_tails.TryGetValue(id, out var tail) && tail == done)
                    {
                        _tails.Remove(id);
                    }
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return next;
        }
    }
}
