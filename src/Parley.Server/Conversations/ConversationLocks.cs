namespace Parley.Server.Conversations;

/// <summary>
/// Serializes writes per conversation so that seq numbers are gap-free and in order. Striped: a fixed set of
/// semaphores, so memory does not grow with the number of conversations.
/// </summary>
public sealed class ConversationLocks
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> AcquireAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(uint)conversationId.GetHashCode() % _stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Releaser(stripe);
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
