using System.Text.Json.Serialization;

namespace Parley.Server.Contracts;

/// <summary>The core's answer: a value, or a failure the edge turns into problem details or a hub error.</summary>
public sealed record CoreResult<T>(T? Value, CoreFailure? Failure)
{
    /// <summary>The value, or the failure thrown as a <see cref="CoreException"/> for the surface's one error map.</summary>
    public T ValueOrThrow() => Failure is null ? Value! : throw new CoreException(Failure);
}

public static class CoreResult
{
    /// <summary>What a customer reads when the core cannot be reached; the widget retries on <see cref="CoreError.Unavailable"/>.</summary>
    public const string UnavailableDetail = "The chat service cannot be reached right now. Your message will be sent again shortly.";

    public static CoreResult<T> Ok<T>(T value) => new(value, null);

    public static CoreResult<T> Fail<T>(CoreError error, string detail) => new(default, new CoreFailure(error, detail));
}

/// <summary>
/// Why something was refused, the same from the core to every surface (REST problem details, hub errors, the desktop).
/// </summary>
/// <param name="Detail">A sentence for the person who asked.</param>
/// <param name="Errors">
/// Field path (camelCase, <c>requiredSkills[0].minimumLevel</c>) → messages, for an <see cref="CoreError.Invalid"/> form.
/// Left off the wire when empty, so an edge of the same version reads what it always read.
/// </param>
public sealed record CoreFailure(
    CoreError Error,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>The kinds of refusal, in the contact center's words; the HTTP and hub mappings live in Hosting/Errors.</summary>
public enum CoreError
{
    /// <summary>No such conversation, queue, agent or offer (or not one the caller may see).</summary>
    NotFound,

    /// <summary>The request makes no sense as sent (bad text, unknown answer, an action the chat's state does not allow).</summary>
    Invalid,

    /// <summary>The conversation has ended.</summary>
    Ended,

    /// <summary>The core cannot be reached now: send the same request again shortly (it is idempotent).</summary>
    Unavailable,

    /// <summary>The queue is full: a refusal with a sentence for the customer, not an outage (no automatic retry).</summary>
    Full,

    /// <summary>The caller's account lacks the right now (roles are checked as the account is, not as it was at sign-in).</summary>
    Forbidden,

    /// <summary>The conversation is past the customer token's lifetime (ended more than 30 days ago).</summary>
    Gone,

    /// <summary>Refused because of what is set up now (a queue in use, an agent with open chats, the last admin).</summary>
    Conflict,

    /// <summary>The queue is closed by its calendar and offers no chat now (its policy is "hide" or "message").</summary>
    Closed,

    /// <summary>An attachment larger than allowed (413).</summary>
    TooLarge,

    /// <summary>An attachment of a type that is not allowed (415).</summary>
    Unsupported,

    /// <summary>A chat's wrap-up code and tags are settled: its agent's window after the end has passed (409).</summary>
    WrapUpClosed,
}

/// <summary>A failure carried as an exception inside the core, so that services stay linear.</summary>
public sealed class CoreException(CoreFailure failure) : Exception(failure.Detail)
{
    public CoreException(CoreError error, string detail)
        : this(new CoreFailure(error, detail))
    {
    }

    public CoreFailure Failure { get; } = failure;

    public CoreError Error => Failure.Error;
}
