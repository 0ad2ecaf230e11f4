using Microsoft.EntityFrameworkCore;
using Parley.Server.Email;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>Ratings and transcripts on every provider: the database itself keeps one rating and at most 3 + 1 transcripts per conversation.</summary>
public abstract partial class StorageSpecification
{
    // ---- Ratings and transcripts -------------------------------------------------------------------------------

    [Fact]
    public async Task A_second_rating_of_a_conversation_is_refused_by_its_key_and_a_rating_outside_1_to_5_by_its_check()
    {
        var conversationId = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            context.Add(Conversation(conversationId));
            context.Ratings.Add(Rating(conversationId, 4));
            await context.SaveChangesAsync();
        }

        await using (var second = Database.CreateContext())
        {
            second.Ratings.Add(Rating(conversationId, 2));
            var refused = await Assert.ThrowsAnyAsync<DbUpdateException>(() => second.SaveChangesAsync());
            Assert.True(UniqueViolation.Is(refused), refused.ToString());
        }

        var other = Guid.NewGuid();
        await using (var outOfRange = Database.CreateContext())
        {
            outOfRange.Add(Conversation(other));
            outOfRange.Ratings.Add(Rating(other, 6));
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => outOfRange.SaveChangesAsync());
        }

        await using var read = Database.CreateContext();
        var stored = await read.Ratings.AsNoTracking().SingleAsync();
        Assert.Equal((conversationId, 4, "support", "alice", T0), (stored.ConversationId, stored.Rating, stored.Queue, stored.AgentUsername, stored.RatedAt));
    }

    [Fact]
    public async Task Transcripts_are_numbered_once_each_from_0_to_3_and_stored_with_their_mail()
    {
        var conversationId = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            context.Add(Conversation(conversationId));
            await context.SaveChangesAsync();
        }

        for (var number = TranscriptRecord.Automatic; number <= TranscriptRecord.MaxRequested; number++)
        {
            await using var context = Database.CreateContext();
            context.Transcripts.Add(Transcript(context, conversationId, number));
            await context.SaveChangesAsync();
        }

        await using (var again = Database.CreateContext())
        {
            again.Transcripts.Add(Transcript(again, conversationId, 2));
            var refused = await Assert.ThrowsAnyAsync<DbUpdateException>(() => again.SaveChangesAsync());
            Assert.True(UniqueViolation.Is(refused), refused.ToString());
        }

        await using (var fourth = Database.CreateContext())
        {
            fourth.Transcripts.Add(Transcript(fourth, conversationId, TranscriptRecord.MaxRequested + 1));
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => fourth.SaveChangesAsync());
        }

        await using var read = Database.CreateContext();
        Assert.Equal([0, 1, 2, 3], await read.Transcripts.Where(t => t.ConversationId == conversationId).Select(t => t.Number).OrderBy(n => n).ToListAsync());
        // Neither refused transcript left its mail behind: each mail is stored with its transcript or not at all.
        Assert.Equal(4, await read.Mail.CountAsync());
    }

    private static RatingRecord Rating(Guid conversationId, int rating) => new()
    {
        ConversationId = conversationId,
        Rating = rating,
        Queue = "support",
        AgentUsername = "alice",
        RatedAt = T0,
    };

    private static TranscriptRecord Transcript(ParleyDbContext context, Guid conversationId, int number) => new()
    {
        ConversationId = conversationId,
        Number = number,
        Mail = MailOutbox.Enqueue(context, OutgoingMail.FromText("ann@example.com", null, "Transcript", "Text", conversationId: conversationId), T0),
        RequestedAt = T0,
    };
}
