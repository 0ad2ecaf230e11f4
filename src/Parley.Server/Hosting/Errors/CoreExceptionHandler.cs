using Microsoft.AspNetCore.Diagnostics;
using Parley.Server.Contracts;

namespace Parley.Server.Hosting.Errors;

/// <summary>
/// A <see cref="CoreException"/> that leaves an endpoint is a refusal, not a bug: answered through the one map
/// (<see cref="CoreErrorProblems"/>), so no endpoint catches it by hand. Anything else falls through to a 500.
/// </summary>
internal sealed class CoreExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not CoreException refused)
        {
            return false;
        }

        await refused.Failure.ToProblem(httpContext).ExecuteAsync(httpContext);
        return true;
    }
}
