using System.Net;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>A JSON body in a charset nobody knows is the client's mistake: 415 with problem details, never a 500.</summary>
public sealed class JsonCharsetTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Theory]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=\"x-unknown\"")]
    [InlineData("application/problem+json; charset=nope")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task Customer_agent_and_admin_endpoints_answer_415(string contentType)
    {
        var conversation = await _server.StartConversationAsync(queue: "sales");
        using var customer = _server.CreateClient(conversation.CustomerToken);
        using var anonymous = _server.CreateClient();
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));

        var start = await anonymous.SendAsync(Body(HttpMethod.Post, "api/v1/conversations", contentType, """{"queue":"sales","customer":{"name":"Ann"}}"""));
        var message = await customer.SendAsync(Body(HttpMethod.Post, $"api/v1/conversations/{conversation.ConversationId}/messages", contentType, """{"clientMessageId":"a","text":"hi"}"""));
        var login = await anonymous.SendAsync(Body(HttpMethod.Post, "api/v1/agent/login", contentType, """{"username":"bob","password":"x"}"""));
        var queue = await admin.SendAsync(Body(HttpMethod.Put, "api/v1/admin/queues/charset", contentType, """{"displayName":"Charset","offerTimeoutSeconds":20}"""));

        foreach (var response in new[] { start, message, login, queue })
        {
            await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "UTF-8");
        }
    }

    [Fact]
    public async Task A_known_charset_in_any_spelling_still_works()
    {
        using var anonymous = _server.CreateClient();

        var response = await anonymous.SendAsync(Body(HttpMethod.Post, "api/v1/conversations", "application/json; charset=UTF-8", """{"queue":"sales","customer":{"name":"Ann"}}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static HttpRequestMessage Body(HttpMethod method, string url, string contentType, string json)
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(method, url) { Content = content };
    }
}
