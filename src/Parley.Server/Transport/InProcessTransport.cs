using System.Text.Json;

namespace Parley.Server.Transport;

/// <summary>
/// Edge and core in one process. Every message is still serialized and read back, so the contracts stay
/// transport-safe: nothing that would not cross a broker can cross here.
/// </summary>
internal sealed class InProcessTransport(IServiceProvider services) : ICoreClient, IEdgePublisher
{
    public async Task<CoreResult<TReply>> RequestAsync<TReply>(ICoreRequest<TReply> request, CancellationToken cancellationToken)
    {
        var wire = JsonSerializer.SerializeToUtf8Bytes((CoreRequest)request, TransportJson.Options);
        var received = JsonSerializer.Deserialize<CoreRequest>(wire, TransportJson.Options)!;
        var handler = services.GetRequiredService<ICoreRequestHandler>();
        CoreResult<TReply> reply;
        try
        {
            reply = CoreResult.Ok((TReply)await handler.HandleAsync(received, cancellationToken));
        }
        catch (CoreException e)
        {
            reply = CoreResult.Fail<TReply>(e.Error, e.Message);
        }

        var replyWire = JsonSerializer.SerializeToUtf8Bytes(reply, TransportJson.Options);
        return JsonSerializer.Deserialize<CoreResult<TReply>>(replyWire, TransportJson.Options)!;
    }

    public Task PublishAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken)
    {
        var wire = JsonSerializer.SerializeToUtf8Bytes(edgeEvent, TransportJson.Options);
        var received = JsonSerializer.Deserialize<EdgeEvent>(wire, TransportJson.Options)!;
        return services.GetRequiredService<IEdgeEventHandler>().HandleAsync(received, cancellationToken);
    }
}
