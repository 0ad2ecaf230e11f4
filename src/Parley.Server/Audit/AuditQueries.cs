using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Audit;

/// <summary>The audit log's reads, named so the endpoint, the admin page and the tests ask the same questions.</summary>
public sealed class AuditQueries(ParleyDbContext context)
{
    /// <summary>One page of the entries <paramref name="filter"/> selects, newest first, and how many it selects in all.</summary>
    public async Task<AuditPage> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var selected = Select(filter);
        var total = await selected.CountAsync(cancellationToken);
        var rows = await selected.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditPage([.. rows.Select(View)], page, pageSize, total);
    }

    /// <summary>Every entry <paramref name="filter"/> selects, oldest first, read as it is streamed (an export).</summary>
    public async IAsyncEnumerable<AuditEntryView> AllAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Select(filter).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return View(row);
        }
    }

    private IQueryable<AuditEntryRecord> Select(AuditFilter filter)
    {
        var entries = context.AuditEntries.AsNoTracking();
        if (filter.Actor is { } actor)
        {
            entries = entries.Where(e => e.Actor == actor);
        }

        if (filter.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (filter.Subject is { } subject)
        {
            entries = entries.Where(e => e.Subject == subject);
        }

        if (filter.From is { } from)
        {
            var ms = from.ToUnixTimeMilliseconds();
            entries = entries.Where(e => e.At >= ms);
        }

        if (filter.To is { } to)
        {
            var ms = to.ToUnixTimeMilliseconds();
            entries = entries.Where(e => e.At < ms);
        }

        return entries;
    }

    private static AuditEntryView View(AuditEntryRecord e) =>
        new(e.Id, DateTimeOffset.FromUnixTimeMilliseconds(e.At), e.Actor, e.Action, e.Subject, Parse(e.Before), Parse(e.After));

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
