namespace Parley.Server.UrlCheck;

/// <summary>A path of the agent/admin side, with the method that reaches it; an edge answers 404 to each.</summary>
/// <param name="Published">What it means when the path answers, as the end of a sentence: "the agent desktop is published".</param>
public sealed record InternalPath(HttpMethod Method, string Path, string Published, string? JsonBody = null)
{
    /// <summary>
    /// What must answer 404 through the external URL (relative to the chat root): one path of each part of the
    /// agent/admin side, each one the core serves (InternalPathsTests), so a 404 means the proxy kept it off.
    /// </summary>
    public static IReadOnlyList<InternalPath> All { get; } =
    [
        new(HttpMethod.Get, "agent", "the agent desktop is published"),
        new(HttpMethod.Get, "agent/login", "the agents' sign-in page is published"),
        new(HttpMethod.Get, "admin", "the admin pages are published"),
        new(HttpMethod.Post, "hubs/agent/negotiate", "the agent hub is published"),
        new(HttpMethod.Get, "api/v1/admin/queues", "the admin API is published"),
        new(HttpMethod.Post, "api/v1/agent/login", "the agents' sign-in API is published", "{}"),
        new(HttpMethod.Put, "api/v1/agents/parley-check/external-state", "the integrations' agent-state API is published", "{}"),
        new(HttpMethod.Get, "openapi/v1.json", "the API description is published"),
        new(HttpMethod.Get, "_framework/blazor.web.js", "the desk's framework script is published"),
        // Its key links are for TVs on the inner network: published, anyone could try keys against it.
        new(HttpMethod.Get, "wallboard", "the wallboard is published"),
        // The core's health report (database, edges); the liveness path /livez may be published, so it is not here.
        new(HttpMethod.Get, "healthz", "the health report is published"),
        // Answered only to Parley:Telemetry:MetricsNetworks, judged by the forwarded address: a proxy that hides it may not.
        new(HttpMethod.Get, "metrics", "the metrics are published"),
    ];
}
