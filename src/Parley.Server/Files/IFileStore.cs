namespace Parley.Server.Files;

/// <summary>
/// Where attachments' bytes live on the core, by the engine's own ids (never a customer's file name). The default is a
/// directory (<see cref="DirectoryFileStore"/>); an object store can implement this later.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores new bytes durably; an id is written once.</summary>
    Task SaveAsync(Guid id, FileVariant variant, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The bytes, or null when there are none.</summary>
    Task<byte[]?> ReadAsync(Guid id, FileVariant variant, CancellationToken cancellationToken);

    /// <summary>Removes every variant of a file (and what a crash left half-written of it); nothing stored is no error.</summary>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The ids of the files stored (each once, whatever variants it has), for the sweep of orphaned files.</summary>
    IAsyncEnumerable<Guid> ListAsync(CancellationToken cancellationToken);
}
