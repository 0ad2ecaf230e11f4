using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.Tests.Hosting;

/// <summary>The one map from an error kind to HTTP: every kind has its status and title, and only an outage says when to retry.</summary>
public sealed class CoreErrorProblemsTests
{
    public static TheoryData<CoreError, int, string> Kinds() => new()
    {
        { CoreError.NotFound, 404, "Not found" },
        { CoreError.Invalid, 400, "Invalid request" },
        { CoreError.Ended, 409, "Conversation ended" },
        { CoreError.Unavailable, 503, "Try again" },
        { CoreError.Full, 503, "Queue full" },
        { CoreError.Forbidden, 403, "Forbidden" },
        { CoreError.Gone, 410, "Conversation closed" },
        { CoreError.Conflict, 409, "Conflict" },
        { CoreError.Closed, 409, "Queue closed" },
        { CoreError.TooLarge, 413, "File too large" },
        { CoreError.Unsupported, 415, "File type not allowed" },
        { CoreError.WrapUpClosed, 409, "Wrap-up closed" },
    };

    [Fact]
    public void Every_kind_has_a_row_here() =>
        Assert.Equal(Enum.GetValues<CoreError>().Order(), Kinds().Select(row => (CoreError)row[0]).Order());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_is_its_status_and_title_with_the_cores_sentence_as_detail(CoreError kind, int status, string title)
    {
        var http = Http(TimeSpan.FromSeconds(3));

        var problem = new CoreFailure(kind, "Why, in plain words.").ToProblem(http);

        Assert.Equal(status, problem.StatusCode);
        Assert.Equal((status, title, "Why, in plain words."), (problem.ProblemDetails.Status!.Value, problem.ProblemDetails.Title, problem.ProblemDetails.Detail));
        Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-15.", problem.ProblemDetails.Type, StringComparison.Ordinal);
        Assert.Equal(kind == CoreError.Unavailable ? "3" : "", http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public void Retry_after_is_the_configured_wait_in_whole_seconds_rounded_up()
    {
        var http = Http(TimeSpan.FromMilliseconds(1500));

        new CoreFailure(CoreError.Unavailable, CoreResult.UnavailableDetail).ToProblem(http);

        Assert.Equal("2", http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public void A_refused_form_is_a_validation_problem_with_its_fields_under_the_forms_title()
    {
        var failure = new CoreFailure(CoreError.Invalid, "Some settings are not valid.", new Dictionary<string, string[]> { ["capacity"] = ["At least 1."] });

        var problem = failure.ToValidationProblem("The agent was not saved.");

        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("The agent was not saved.", problem.ProblemDetails.Title);
        Assert.Equal(["At least 1."], problem.ProblemDetails.Errors["capacity"]);
    }

    private static DefaultHttpContext Http(TimeSpan unavailableRetryAfter)
    {
        var options = new UnavailableRetryOptions { RetryAfter = unavailableRetryAfter };
        return new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(Options.Create(options)).BuildServiceProvider() };
    }
}
