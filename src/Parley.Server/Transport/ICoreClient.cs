using Parley.Server.Contracts;

namespace Parley.Server.Transport;

/// <summary>The edge's way to the core: every customer request goes through it.</summary>
public interface ICoreClient
{
    /// <summary>
    /// Sends the request and waits for the core's answer. When the core cannot be reached in time the result is a
    /// <see cref="CoreError.Unavailable"/> failure: the caller may retry (requests that change something are idempotent).
    /// </summary>
    Task<CoreResult<TReply>> RequestAsync<TReply>(ICoreRequest<TReply> request, CancellationToken cancellationToken);
}
