using System.Net;
using Microsoft.Extensions.Logging;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

/// <summary>
/// An agent endpoint that throws the core's refusal (a <c>CoreException</c>) is answered by the one error map as problem
/// details — no endpoint catches it by hand — and a refusal is not logged as a server error.
/// </summary>
public sealed class TranscriptRefusalTests
{
    [Fact]
    public async Task A_transcript_of_someone_elses_chat_is_404_problem_details_and_not_an_error_in_the_log()
    {
        var logs = new CapturedLogs();
        await using var server = new ParleyServer(configure: logs.AddTo);
        var chat = await server.StartConversationAsync();
        using var bob = server.CreateClient(await server.LoginAsync("bob"));

        using var response = await bob.GetAsync($"api/v1/agent/conversations/{chat.ConversationId}/messages");

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.NotFound, "This conversation is not assigned to you.");
        Assert.Equal("Not found", problem.GetProperty("title").GetString());
        var loud = logs.Entries.Where(e => e.Level >= LogLevel.Error || e.Exception is not null).ToList();
        Assert.True(loud.Count == 0, "logged: " + string.Join(Environment.NewLine, loud.Take(3).Select(e => $"{e.Level} {e.Category}: {e.Message}")));
    }
}
