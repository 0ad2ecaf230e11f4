using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Files;

/// <summary>
/// Attachments in a directory (<c>Parley:Files:Directory</c>, by default <c>files</c> in the data directory): the
/// directory owner-only (0700), each file owner-only from its creation (0600), named by its id. A file is written
/// under a temporary name, flushed to disk and then renamed, so a crash never leaves half a file under its id.
/// </summary>
public sealed class DirectoryFileStore : IFileStore
{
    private readonly string _directory;

    public DirectoryFileStore(IOptions<FileEngineOptions> files, IOptions<ParleyOptions> parley)
    {
        _directory = string.IsNullOrWhiteSpace(files.Value.Directory)
            ? DataDirectory.Subdirectory(parley.Value, "files")
            : Path.GetFullPath(files.Value.Directory);
        DataDirectory.CreatePrivateDirectory(_directory);
    }

    public string Directory => _directory;

    public async Task SaveAsync(Guid id, FileVariant variant, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(id, variant);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = DataDirectory.PrivateFileMode;
        }

        await using (var file = new FileStream(temporary, options))
        {
            await file.WriteAsync(content, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
    }

    public async Task<byte[]?> ReadAsync(Guid id, FileVariant variant, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(id, variant), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        foreach (var variant in new[] { FileVariant.Original, FileVariant.Preview })
        {
            File.Delete(PathOf(id, variant));
            File.Delete(PathOf(id, variant) + ".tmp");
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<Guid> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var seen = new HashSet<Guid>();
        foreach (var path in System.IO.Directory.EnumerateFiles(_directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Every name starts with the id (32 hex digits); anything else in the directory is not ours to touch.
            var name = Path.GetFileName(path);
            if (name.Length >= 32 && Guid.TryParseExact(name.AsSpan(0, 32), "N", out var id) && seen.Add(id))
            {
                yield return id;
            }
        }
    }

    /// <summary>The id is a Guid formatted by us: nothing a sender wrote reaches the path.</summary>
    public string PathOf(Guid id, FileVariant variant) =>
        Path.Combine(_directory, id.ToString("N") + (variant == FileVariant.Preview ? ".preview" : ""));
}
