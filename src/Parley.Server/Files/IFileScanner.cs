namespace Parley.Server.Files;

/// <summary>
/// The place for a virus scanner: every attachment passes it before it is stored. The default accepts everything
/// (<see cref="AcceptingFileScanner"/>); an installation that runs a scanner (ClamAV's clamd, an ICAP server)
/// registers its own implementation. Parley ships no signatures.
/// </summary>
public interface IFileScanner
{
    /// <summary>Null when the file may be stored; otherwise the sentence the sender is shown.</summary>
    ValueTask<string?> ScanAsync(ReadOnlyMemory<byte> content, FileType type, CancellationToken cancellationToken);
}

/// <summary>No scanner configured: every file of an allowed type is accepted.</summary>
public sealed class AcceptingFileScanner : IFileScanner
{
    public ValueTask<string?> ScanAsync(ReadOnlyMemory<byte> content, FileType type, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
