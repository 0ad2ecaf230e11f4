using Microsoft.EntityFrameworkCore;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Files;
using Parley.Server.Storage;

namespace Parley.Server.CannedResponses;

/// <summary>
/// The files canned responses carry. An upload goes through the same intake as any agent attachment (size, type sniffed
/// from the content, scanner, file store) and is recorded as a canned-response file of whoever uploaded it; a response
/// may then name it. One not named within the grace period is taken by the sweep of orphaned files, its record with it.
/// </summary>
public sealed class CannedResponseFiles(FileIntake intake, AgentDirectory agents, IDbContextFactory<ParleyDbContext> db)
{
    /// <summary>Stores a file for <paramref name="uploader"/>'s canned responses; refusals are <see cref="CoreException"/>s (413, 415, 400).</summary>
    public async Task<CannedResponseFile> UploadAsync(string uploader, string? fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (agents.Find(uploader) is null)
        {
            throw new CoreException(CoreError.Forbidden, "Only an agent can upload a file for canned responses.");
        }

        // No queue's limits: a response's file meets the chat's queue limits when it is sent.
        var stored = await intake.TakeAsync(fileName, content, null, cancellationToken);
        var record = new CannedResponseFileRecord { Id = stored.Id, UploadedBy = uploader, Name = stored.Name, ContentType = stored.Type.ContentType, Size = stored.Size };
        try
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            context.CannedResponseFiles.Add(record);
            await context.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await intake.DiscardAsync(stored.Id);
            throw;
        }

        return CannedResponseFile.Of(record);
    }
}
