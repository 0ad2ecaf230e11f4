namespace Parley.Server.Transport;

/// <summary>
/// What an edge may be called (<c>Parley:Edge:Name</c>): 1–40 of <c>a-z</c>, <c>0-9</c> and <c>-</c>, not starting
/// with <c>-</c>. The name becomes the edge's broker queue <c>parley.edge.NAME</c> and the routing key of its answers,
/// so the configuration and both broker ends check it with this one rule.
/// </summary>
public static class EdgeNameRule
{
    public const int MaxLength = 40;

    public const string Description = "1–40 lower-case letters, digits or '-', starting with a letter or digit";

    // By hand rather than ^…$: .NET's $ also matches before a final "\n".
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && IsLetterOrDigit(name[0])
        && name.AsSpan(1).ContainsAnyExcept(Allowed) is false;

    private static bool IsLetterOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static readonly System.Buffers.SearchValues<char> Allowed = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");
}
