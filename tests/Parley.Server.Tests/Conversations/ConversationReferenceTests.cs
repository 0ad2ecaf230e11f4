using Parley.Server.Conversations;

namespace Parley.Server.Tests.Conversations;

public sealed class ConversationReferenceTests
{
    [Fact]
    public void Chats_started_in_the_same_moment_get_different_references()
    {
        // As the edge makes them: time-ordered ids, here all within a few milliseconds.
        var ids = Enumerable.Range(0, 1_000).Select(_ => Guid.CreateVersion7()).ToList();

        var references = ids.Select(ConversationReference.Of).ToList();

        // The old rule (the id's first 8 digits, which change every 65 s) gave these one reference, two at a boundary.
        Assert.InRange(ids.Select(id => id.ToString("N")[..8]).Distinct().Count(), 1, 2);
        Assert.Equal(ids.Count, references.Distinct().Count());
        Assert.All(references, r => Assert.Matches("^[0-9a-f]{8}$", r));
    }

    [Fact]
    public void A_reference_is_the_end_of_the_conversation_id_so_it_can_be_searched_for()
    {
        var id = Guid.Parse("01a24c3b-7d2e-7f10-9a3c-5e6f7a8b9c0d");

        Assert.Equal("7a8b9c0d", ConversationReference.Of(id));
    }
}
