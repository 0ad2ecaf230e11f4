using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A test double of the edge's way to the core: the next <see cref="Refuse"/> starts (or requests of the type
/// <see cref="Refusing"/>) answer Unavailable, as the edge's
/// transport does when the core does not answer in time. With <see cref="AnswersLost"/> the core still gets each of
/// them first (it did start the chat; only its answer never came back). Everything else passes through unchanged.
/// </summary>
public sealed class CoreOutage(ICoreClient core) : ICoreClient
{
    private int _toRefuse;
    private int _refused;

    /// <summary>The type of request refused: a start unless told otherwise.</summary>
    public Type Refusing { get; set; } = typeof(StartConversation);

    /// <summary>The core starts the chat, but its answer is lost (a time-out after the core had it).</summary>
    public bool AnswersLost { get; set; }

    /// <summary>How many requests were answered Unavailable so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Answers the next <paramref name="requests"/> requests of the type <see cref="Refusing"/> Unavailable.</summary>
    public void Refuse(int requests) => Volatile.Write(ref _toRefuse, requests);

    /// <summary>Puts the double in front of the edge's transport of a <see cref="ParleyServer"/>.</summary>
    public static void Install(IWebHostBuilder web) => web.ConfigureTestServices(services =>
        services.AddSingleton<ICoreClient>(sp => new CoreOutage(sp.GetRequiredService<IEdgeTransport>())));

    /// <summary>The double installed in <paramref name="server"/>.</summary>
    public static CoreOutage Of(ParleyServer server) => (CoreOutage)server.Services.GetRequiredService<ICoreClient>();

    public async Task<CoreResult<TReply>> RequestAsync<TReply>(ICoreRequest<TReply> request, CancellationToken cancellationToken)
    {
        if (request.GetType() != Refusing || !TakeRefusal())
        {
            return await core.RequestAsync(request, cancellationToken);
        }

        if (AnswersLost)
        {
            await core.RequestAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _refused);
        return CoreResult.Fail<TReply>(CoreError.Unavailable, CoreResult.UnavailableDetail);
    }

    private bool TakeRefusal()
    {
        while (Volatile.Read(ref _toRefuse) is var left and > 0)
        {
            if (Interlocked.CompareExchange(ref _toRefuse, left - 1, left) == left)
            {
                return true;
            }
        }

        return false;
    }
}
