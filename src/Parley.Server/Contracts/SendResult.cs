namespace Parley.Server.Contracts;

/// <summary>
/// What became of one message send, inside the server: accepted, to be sent again later (the core could not be
/// reached; the same <c>clientMessageId</c> is stored once), or refused for good. Each surface words it its own way:
/// REST as <c>201</c> or problem details, the hubs as a value or a <c>HubException</c> (<c>[retry] </c> for
/// <see cref="RetryLater"/>: the documented wire contract, written in one place, HubErrorFilter).
/// </summary>
public abstract record SendResult
{
    private SendResult()
    {
    }

    /// <summary>The failure to show, or <see langword="null"/> when <see cref="Accepted"/>.</summary>
    public abstract CoreFailure? Failure { get; }

    public static SendResult From(CoreResult<MessageAccepted> result) => result.Failure switch
    {
        null => new Accepted(result.Value!),
        { Error: CoreError.Unavailable } failure => new RetryLater(failure.Detail),
        var failure => new Refused(failure.Error, failure.Detail),
    };

    public sealed record Accepted(MessageAccepted Message) : SendResult
    {
        public override CoreFailure? Failure => null;
    }

    public sealed record RetryLater(string Detail) : SendResult
    {
        public override CoreFailure Failure => new(CoreError.Unavailable, Detail);
    }

    public sealed record Refused(CoreError Kind, string Detail) : SendResult
    {
        public override CoreFailure Failure => new(Kind, Detail);
    }
}
