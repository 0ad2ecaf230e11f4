using Microsoft.EntityFrameworkCore;
using Parley.Server.Calendars;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>Business calendars and a queue's calendar and policies, on every provider.</summary>
public abstract partial class StorageSpecification
{
    // ---- Calendars ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_calendar_is_stored_with_its_hours_exceptions_and_holidays_and_a_queue_names_it()
    {
        var definition = new CalendarDefinition("office", "Europe/Amsterdam",
            [new(DayOfWeek.Monday, new(9, 0), new(17, 30)), new(DayOfWeek.Friday, new(22, 0), new(6, 0))],
            [new(new(2026, 12, 24), new(2026, 12, 24), "Christmas Eve", [new(new(9, 0), new(13, 0))])],
            [new(new(2026, 12, 25), "Christmas Day")]);
        await using (var context = await ContextAsync())
        {
            var calendar = new CalendarRecord { Name = "office", TimeZone = "" };
            calendar.Apply(definition);
            context.Add(calendar);
            context.Add(new QueueRecord { Name = "billing", DisplayName = "Billing", Calendar = "office", ClosedPolicy = AvailabilityPolicy.Message, NoAgentsPolicy = AvailabilityPolicy.Hide });
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var stored = (await read.Calendars.AsNoTracking().SingleAsync()).ToDefinition();
        var queue = await read.Queues.AsNoTracking().SingleAsync();

        Assert.Equal(definition.Weekly, stored.Weekly);
        Assert.Equal((definition.Exceptions[0].From, "Christmas Eve"), (stored.Exceptions[0].From, stored.Exceptions[0].Reason));
        Assert.Equal(definition.Exceptions[0].Hours, stored.Exceptions[0].Hours);
        Assert.Equal(definition.Holidays, stored.Holidays);
        Assert.Equal(("office", AvailabilityPolicy.Message, AvailabilityPolicy.Hide), (queue.Calendar, queue.ClosedPolicy, queue.NoAgentsPolicy));
    }

    [Fact]
    public async Task A_queue_stored_before_calendars_existed_keeps_accepting_chats()
    {
        await using var context = await ContextAsync();
        // A row written without the new columns, as the rows from before the migration: the columns' default applies.
        await context.Database.ExecuteSqlRawAsync("""
            INSERT INTO queues ("Name", "DisplayName", "OfferTimeoutSeconds", "Questions", "RequiredSkills", "Priority", "AnswerRules", "Relaxation", "WrapUpSeconds", "Strategy", "ManualPick", "AffinitySeconds")
            VALUES ('old', 'Old', 30, '[]', '[]', 0, '[]', '[]', 0, 'LongestIdle', false, 0)
            """);

        var queue = await context.Queues.AsNoTracking().SingleAsync(q => q.Name == "old");

        Assert.Equal((null, AvailabilityPolicy.Queue, AvailabilityPolicy.Queue), (queue.Calendar, queue.ClosedPolicy, queue.NoAgentsPolicy));
    }
}
