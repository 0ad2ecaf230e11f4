using Parley.Server.Contracts;

namespace Parley.Server.Transport;

/// <summary>Implemented by the core: answers edge requests. Throws <see cref="CoreException"/> for failures the edge shows.</summary>
public interface ICoreRequestHandler
{
    Task<object> HandleAsync(CoreRequest request, RequestOrigin origin, CancellationToken cancellationToken);
}
