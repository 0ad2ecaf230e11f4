namespace Parley.Server.Storage;

public sealed class QueueRecord
{
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public string? Welcome { get; set; }
    public int OfferTimeoutSeconds { get; set; } = 30;
    public List<PreChatQuestion> Questions { get; set; } = [];
}

/// <summary>A question the customer answers before the chat starts.</summary>
public sealed class PreChatQuestion
{
    public required string Id { get; set; }
    public required string Label { get; set; }

    /// <summary><c>text</c> or <c>choice</c>.</summary>
    public string Type { get; set; } = "text";

    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }
}
