namespace Parley.Routing;

/// <summary>How a queue picks among the agents who could take a chat.</summary>
public enum RoutingStrategy
{
    /// <summary>The agent who has waited longest since their last chat (or since becoming available).</summary>
    LongestIdle,

    /// <summary>The agent with the fewest chats and offers; ties go to the longest idle.</summary>
    LeastOccupied,

    /// <summary>The highest total proficiency on the chat's required skills; ties go to the longest idle.</summary>
    BestSkillMatch,
}
