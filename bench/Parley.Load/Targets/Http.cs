using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.Load.Targets;

/// <summary>REST calls with a client address per simulated client; failures as <see cref="TargetException"/>s that name the status.</summary>
internal sealed class Http : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _client;

    public Http(Uri baseAddress)
    {
        _client = new HttpClient(new SocketsHttpHandler
        {
            // Few sockets, closed soon when idle: each is a file descriptor on both sides, next to thousands of
            // hub connections, and this machine allows 20,000 per process.
            MaxConnectionsPerServer = 64,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? bearer, string? forwardedFor, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, bearer, forwardedFor, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new TargetException($"{method} {path}: empty answer");
    }

    public async Task SendAsync(HttpMethod method, string path, object? body, string? bearer, string? forwardedFor, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, bearer, forwardedFor, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, string? bearer, string? forwardedFor, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        var response = await _client.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var detail = await ProblemAsync(response, cancellationToken);
            throw new TargetException($"HTTP {(int)response.StatusCode} {response.StatusCode}{detail}");
        }
    }

    /// <summary>The problem details' title (and detail), when the answer has them.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken);
            return problem is null ? "" : $": {problem.Title}{(problem.Detail is null ? "" : " — " + problem.Detail)}";
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or HttpRequestException or InvalidOperationException)
        {
            return response.StatusCode == HttpStatusCode.TooManyRequests ? ": rate limited" : "";
        }
    }

    public void Dispose() => _client.Dispose();

    private sealed record Problem(string? Title, string? Detail);
}
