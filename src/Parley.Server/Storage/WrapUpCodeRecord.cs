namespace Parley.Server.Storage;

/// <summary>One of a queue's wrap-up codes, as stored (JSON in <c>queues.WrapUpCodes</c>).</summary>
public sealed class WrapUpCodeRecord
{
    public required string Code { get; set; }
    public required string Label { get; set; }
}
