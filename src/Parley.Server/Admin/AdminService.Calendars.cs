using Microsoft.EntityFrameworkCore;
using Parley.Server.Agents;
using Parley.Server.Audit;
using Parley.Server.Calendars;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Admin;

// Business calendars: one code path for the admin REST API and the admin pages, under the same one-at-a-time writes
// as queues, so a queue cannot start using a calendar while it is being deleted.
public sealed partial class AdminService
{
    /// <summary>All calendars, by name.</summary>
    public IReadOnlyList<CalendarDefinition> ListCalendars() => calendars.All;

    /// <summary>One calendar, or null.</summary>
    public CalendarDefinition? GetCalendar(string name) => calendars.Find(name)?.Definition;

    /// <summary>The queues that use a calendar, by name.</summary>
    public IReadOnlyList<string> QueuesUsing(string calendar) =>
        [.. queues.All.Where(q => q.Calendar == calendar).Select(q => q.Name).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Creates the calendar <paramref name="name"/> or replaces it. <see cref="CalendarDefinition.Name"/> may be empty;
    /// otherwise it must equal <paramref name="name"/>. Returns the saved calendar, or field errors.
    /// </summary>
    public async Task<AdminResult<CalendarDefinition>> SaveCalendarAsync(string actor, string name, CalendarDefinition calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult<CalendarDefinition>.From(AdminResult.Forbidden);
        }

        if (NameMismatch("name", name, calendar.Name) is { } mismatch)
        {
            return AdminResult<CalendarDefinition>.From(mismatch);
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            return await StoreCalendarAsync(actor, name, calendar with { Name = name }, cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Merges the holidays and closures of an iCalendar file into the calendar <paramref name="name"/>
    /// (<see cref="CalendarImport"/>); recurring events are expanded from <paramref name="now"/>'s date in its zone.
    /// A file that cannot be read is a field error on <c>file</c>.
    /// </summary>
    public async Task<AdminResult<CalendarDefinition>> ImportCalendarAsync(string actor, string name, string ics, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult<CalendarDefinition>.From(AdminResult.Forbidden);
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (calendars.Find(name) is not { } calendar)
            {
                return AdminResult<CalendarDefinition>.From(AdminResult.NotFound($"There is no calendar named '{name}'."));
            }

            CalendarDefinition merged;
            try
            {
                var today = NodaTime.Instant.FromDateTimeOffset(now).InZone(calendar.Zone).Date.ToDateOnly();
                merged = CalendarImport.Merge(calendar.Definition, ics, today);
            }
            catch (CalendarImportException e)
            {
                return AdminResult<CalendarDefinition>.From(AdminResult.Invalid(new Dictionary<string, string[]> { ["file"] = [e.Message] }));
            }

            var result = await StoreCalendarAsync(actor, name, merged, cancellationToken);
            if (result.Succeeded)
            {
                LogCalendarSaved(name, "imported");
            }

            return result with { Created = false };
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Deletes a calendar. Refused (<see cref="CoreError.Conflict"/>) while a queue uses it, naming the queues.</summary>
    public async Task<AdminResult> DeleteCalendarAsync(string actor, string name, CancellationToken cancellationToken)
    {
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult.Forbidden;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (calendars.Find(name) is null)
            {
                return AdminResult.NotFound($"There is no calendar named '{name}'.");
            }

            var users = QueuesUsing(name);
            if (users.Count > 0)
            {
                return AdminResult.Conflict($"Queues use the calendar '{name}' ({string.Join(", ", users)}); give them another calendar or none first.");
            }

            await DeleteAuditedAsync(context => context.Calendars.Where(c => c.Name == name).ExecuteDeleteAsync(CancellationToken.None),
                actor, AuditActions.CalendarDeleted, AuditActions.Subject("calendar", name), GetCalendar(name));

            await calendars.ReloadAsync(CancellationToken.None);
            LogCalendarSaved(name, "deleted");
            return AdminResult.Done;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Validates and stores a calendar, then reloads the catalog (which tells its listeners). Call under the write lock.</summary>
    private async Task<AdminResult<CalendarDefinition>> StoreCalendarAsync(string actor, string name, CalendarDefinition candidate, CancellationToken cancellationToken)
    {
        var errors = CalendarValidation.Validate(candidate);
        if (errors.Count > 0)
        {
            return AdminResult<CalendarDefinition>.From(AdminResult.Invalid(errors));
        }

        bool created;
        await using (var context = await db.CreateDbContextAsync(cancellationToken))
        {
            var record = await context.Calendars.FindAsync([name], cancellationToken);
            created = record is null;
            if (record is null)
            {
                record = new CalendarRecord { Name = name, TimeZone = "" };
                context.Calendars.Add(record);
            }

            record.Apply(candidate);
            audit.Stage(context, actor, created ? AuditActions.CalendarCreated : AuditActions.CalendarChanged, AuditActions.Subject("calendar", name), GetCalendar(name), candidate);
            await context.SaveChangesAsync(cancellationToken);
        }

        await calendars.ReloadAsync(CancellationToken.None);
        LogCalendarSaved(name, created ? "created" : "changed");
        return new(calendars.Find(name)!.Definition, Created: created);
    }
}
