using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Server.Contracts;

namespace Parley.Server.Hosting.Errors;

/// <summary>
/// The one map from a <see cref="CoreError"/> to HTTP: status, title and problem details (the <c>type</c> is the status's
/// RFC link, filled in by ASP.NET Core). Every REST surface (customer, agent, admin) answers a failure through it,
/// returned as a result or thrown as a <see cref="CoreException"/> (<see cref="CoreExceptionHandler"/>).
/// </summary>
public static class CoreErrorProblems
{
    public static int StatusOf(CoreError error) => error switch
    {
        CoreError.NotFound => StatusCodes.Status404NotFound,
        CoreError.Ended or CoreError.Conflict or CoreError.Closed or CoreError.WrapUpClosed => StatusCodes.Status409Conflict,
        CoreError.Unavailable or CoreError.Full => StatusCodes.Status503ServiceUnavailable,
        CoreError.Forbidden => StatusCodes.Status403Forbidden,
        CoreError.Gone => StatusCodes.Status410Gone,
        CoreError.TooLarge => StatusCodes.Status413PayloadTooLarge,
        CoreError.Unsupported => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };

    public static string TitleOf(CoreError error) => error switch
    {
        CoreError.NotFound => "Not found",
        CoreError.Ended => "Conversation ended",
        CoreError.Conflict => "Conflict",
        CoreError.Unavailable => "Try again",
        CoreError.Full => "Queue full",
        CoreError.Closed => "Queue closed",
        CoreError.Forbidden => "Forbidden",
        CoreError.Gone => "Conversation closed",
        CoreError.TooLarge => "File too large",
        CoreError.Unsupported => "File type not allowed",
        CoreError.WrapUpClosed => "Wrap-up closed",
        _ => "Invalid request",
    };

    /// <summary>
    /// The failure as problem details. When the core cannot be reached, a <c>503</c> with <c>Retry-After</c>
    /// (<c>Parley:Customers:UnavailableRetryAfter</c>); a full queue is a <c>503</c> without it: no retry.
    /// </summary>
    public static ProblemHttpResult ToProblem(this CoreFailure failure, HttpContext http)
    {
        if (failure.Error == CoreError.Unavailable)
        {
            var wait = http.RequestServices.GetService<IOptions<UnavailableRetryOptions>>()?.Value.RetryAfter ?? TimeSpan.FromSeconds(2);
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(statusCode: StatusOf(failure.Error), title: TitleOf(failure.Error), detail: failure.Detail);
    }

    /// <summary>A refused form (<see cref="CoreFailure.Errors"/>): 400 with the field errors under the form's own title.</summary>
    public static ValidationProblem ToValidationProblem(this CoreFailure failure, string title) =>
        TypedResults.ValidationProblem(failure.Errors?.ToDictionary() ?? [], title: title);
}
