using Microsoft.Extensions.Options;

namespace Parley.Server.Storage;

/// <summary>
/// Turns, in arrival order, for the write transactions that would otherwise contend: the conversation log's group
/// commit and the reporting projections' folds. SQLite has one writer, and a writer that finds it taken polls (its busy
/// handler sleeps up to 100 ms between tries), so a projection committing batch after batch could keep the group commit
/// — and every message waiting to be acknowledged — waiting for seconds; taking turns here hands the writer over
/// without polling. PostgreSQL writes them side by side: no turns there.
/// </summary>
public sealed class WriteTurns
{
    private readonly SemaphoreSlim? _turn;

    public WriteTurns(IOptions<DatabaseOptions> options)
        : this(StorageProviders.Parse(options.Value.Provider) == StorageProvider.Sqlite)
    {
    }

    public WriteTurns(bool oneAtATime) => _turn = oneAtATime ? new SemaphoreSlim(1, 1) : null;

    /// <summary>No turns: every writer goes at once (tests and tools that write alone).</summary>
    public static WriteTurns None { get; } = new(false);

    /// <summary>Waits for this writer's turn; disposing the result ends it. Hold it only around the write transaction.</summary>
    public async ValueTask<Turn> TakeAsync(CancellationToken cancellationToken)
    {
        if (_turn is null)
        {
            return default;
        }

        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public readonly struct Turn(SemaphoreSlim? turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
