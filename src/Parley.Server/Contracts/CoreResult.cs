namespace Parley.Server.Contracts;

/// <summary>The core's answer: a value, or a failure the edge turns into problem details or a hub error.</summary>
public sealed record CoreResult<T>(T? Value, CoreFailure? Failure);

public static class CoreResult
{
    /// <summary>What a customer reads when the core cannot be reached; the widget retries on <see cref="CoreError.Unavailable"/>.</summary>
    public const string UnavailableDetail = "The chat service cannot be reached right now. Your message will be sent again shortly.";

    public static CoreResult<T> Ok<T>(T value) => new(value, null);

    public static CoreResult<T> Fail<T>(CoreError error, string detail) => new(default, new CoreFailure(error, detail));
}

public sealed record CoreFailure(CoreError Error, string Detail);

public enum CoreError
{
    NotFound,
    Invalid,
    Ended,
    Unavailable,

    /// <summary>The queue is full: a refusal with a sentence for the customer, not an outage (no automatic retry).</summary>
    Full,

    /// <summary>The caller's account lacks the right now (roles are checked as the account is, not as it was at sign-in).</summary>
    Forbidden,

    /// <summary>The conversation is past the customer token's lifetime (ended more than 30 days ago).</summary>
    Gone,
}

/// <summary>A failure carried as an exception inside the core, so that services stay linear.</summary>
public sealed class CoreException(CoreError error, string detail) : Exception(detail)
{
    public CoreError Error { get; } = error;
}
