using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Parley.Server.Transport.RabbitMq;

/// <summary>The answers of the last requests that changed something, by message id: a redelivered one is answered again without running it twice.</summary>
internal sealed class CompletedRequests(int capacity)
{
    private readonly ConcurrentDictionary<string, byte[]> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public bool TryGet(string messageId, [MaybeNullWhen(false)] out byte[] answer) => _answers.TryGetValue(messageId, out answer);

    public void Add(string messageId, byte[] answer)
    {
        if (!_answers.TryAdd(messageId, answer))
        {
            return;
        }

        _order.Enqueue(messageId);
        while (_answers.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _answers.TryRemove(oldest, out _);
        }
    }
}
