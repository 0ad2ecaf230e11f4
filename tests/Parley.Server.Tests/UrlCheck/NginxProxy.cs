using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Server.Tests.UrlCheck;

/// <summary>Which nginx configuration a test runs.</summary>
public enum NginxVariant
{
    /// <summary>The recommended configuration (docs/deployment.md): only the customer side, WebSockets included; 404 for everything else.</summary>
    Correct,

    /// <summary>Wrong: proxies everything, the agent desktop and admin included.</summary>
    ExposesAdmin,

    /// <summary>Wrong: the customer side only, but without the Upgrade and Connection headers (HTTP/1.0 to the upstream).</summary>
    NoWebSocketUpgrade,

    /// <summary>Not Parley at all: nginx serving its own page.</summary>
    StaticSite,

    /// <summary>Not this installation: nginx answering the probe itself with a made-up edge name (with markup in it) and a wrong proof.</summary>
    Impostor,

    /// <summary>Right: the recommended configuration plus the liveness path (docs/deployment.md's optional line).</summary>
    PublishesLivez,

    /// <summary>Wrong: the recommended configuration plus the core's health report.</summary>
    PublishesHealthz,

    /// <summary>Not an edge: a web server that redirects every path (to HTTPS, say).</summary>
    RedirectsEverything,
}

/// <summary>
/// Debian's nginx (installed by <c>scripts/bootstrap --with-servers</c>) as a child process on a free loopback port,
/// with its configuration, pid file, logs and temp paths in a temp directory. Disposing stops it by its PID.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    /// <summary>
    /// The proxy headers of the recommended configuration: HTTP/1.1 with the Upgrade and Connection headers, so that
    /// WebSockets pass; the client's address and scheme for the edge.
    /// </summary>
    public const string RecommendedHeaders = """
        proxy_http_version 1.1;
        proxy_set_header Upgrade           $http_upgrade;
        proxy_set_header Connection        $connection_upgrade;
        proxy_set_header Host              $host;
        proxy_set_header X-Forwarded-For   $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        client_max_body_size 64k;
        """;

    /// <summary>The recommended locations: the customer side only, and 404 for everything else.</summary>
    public const string RecommendedLocations = """
        # The demo page, its files and the widget.
        location = /          { proxy_pass http://parley_edge; }
        location = /widget.js { proxy_pass http://parley_edge; }
        location ~ ^/(demo\.css|demo\.js|favicon\.svg)$ { proxy_pass http://parley_edge; }

        # The customer REST API.
        location /api/v1/queues/                { proxy_pass http://parley_edge; }
        location ~ ^/api/v1/conversations(/|$)  { proxy_pass http://parley_edge; }

        # The customer hub (WebSockets, long-lived) and its probe /hubs/customer/probe.
        location ~ ^/hubs/customer(/|$) {
            proxy_pass http://parley_edge;
            proxy_buffering off;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
        }

        # The edge probe of the External URL check.
        location /.well-known/parley/ { proxy_pass http://parley_edge; }

        # Everything else (the agent desktop, admin, agent hub, agent and admin APIs, OpenAPI): not here.
        location / { return 404; }
        """;

    /// <summary>The optional location that lets a load balancer in front of the proxy probe an edge's liveness.</summary>
    public const string LivenessLocation = "location = /livez { proxy_pass http://parley_edge; }";

    /// <summary>Maps the client's Upgrade header to the Connection header sent upstream (http context).</summary>
    public const string UpgradeMap = """
        map $http_upgrade $connection_upgrade {
            default upgrade;
            ''      close;
        }
        """;

    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private NginxProxy(NginxVariant variant, string prefix, int port, Process process, StringBuilder stderr)
    {
        Variant = variant;
        Prefix = prefix;
        Port = port;
        _process = process;
        _stderr = stderr;
    }

    public NginxVariant Variant { get; }
    public string Prefix { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public string ConfigPath => Path.Combine(Prefix, "nginx.conf");

    /// <summary>The nginx binary (Debian puts it in /usr/sbin, which is not on every PATH).</summary>
    public static string Executable { get; } =
        new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "nginx")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nginx is missing: run scripts/bootstrap --with-servers (Debian's nginx 1.22).");

    /// <summary>Starts nginx with <paramref name="variant"/> in front of <paramref name="upstream"/> (unused by <see cref="NginxVariant.StaticSite"/>).</summary>
    public static async Task<NginxProxy> StartAsync(NginxVariant variant, Uri? upstream)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var prefix = Directory.CreateTempSubdirectory("parley-nginx-").FullName;
            // As root, nginx's workers run as nobody: they must reach the html and temp directories.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
            }

            var port = FreePort();
            await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), Config(variant, prefix, port, upstream));
            Directory.CreateDirectory(Path.Combine(prefix, "html"));
            await File.WriteAllTextAsync(Path.Combine(prefix, "html", "index.html"), "<!doctype html><title>Welcome</title><h1>Welcome to our web site</h1>\n");

            var stderr = new StringBuilder();
            var process = new Process
            {
                StartInfo = new ProcessStartInfo(Executable)
                {
                    ArgumentList = { "-c", Path.Combine(prefix, "nginx.conf"), "-p", prefix + "/" },
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                },
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            };
            process.Start();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var proxy = new NginxProxy(variant, prefix, port, process, stderr);
            try
            {
                await proxy.WaitUntilListeningAsync();
                return proxy;
            }
            catch (InvalidOperationException e) when (e.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                last = e; // The free port was taken meanwhile: another one.
                await proxy.DisposeAsync();
            }
            catch
            {
                await proxy.DisposeAsync();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>The whole nginx.conf of a variant.</summary>
    public static string Config(NginxVariant variant, string prefix, int port, Uri? upstream)
    {
        var server = variant switch
        {
            NginxVariant.Correct => RecommendedHeaders + "\n\n" + RecommendedLocations,
            NginxVariant.ExposesAdmin => RecommendedHeaders + "\n\n" + """
                # Wrong: everything, the agent desktop and admin included.
                location / {
                    proxy_pass http://parley_edge;
                    proxy_read_timeout 1h;
                }
                """,
            NginxVariant.NoWebSocketUpgrade => string.Join('\n', RecommendedHeaders.Split('\n')
                .Where(l => !l.Contains("proxy_http_version", StringComparison.Ordinal) && !l.Contains("Upgrade", StringComparison.Ordinal) && !l.Contains("Connection", StringComparison.Ordinal)))
                + "\n\n" + RecommendedLocations,
            NginxVariant.StaticSite => $$"""
                location / {
                    root {{prefix}}/html;
                    index index.html;
                }
                """,
            NginxVariant.Impostor => """
                location = /.well-known/parley/probe {
                    default_type application/json;
                    return 200 '{"edge":"<b>impostor</b>","version":"9.9.9","proof":"bm90LXRoZS1yaWdodC1wcm9vZg"}';
                }
                location / { return 404; }
                """,
            NginxVariant.PublishesLivez => RecommendedHeaders + "\n\n" + LivenessLocation + "\n" + RecommendedLocations,
            NginxVariant.PublishesHealthz => RecommendedHeaders + "\n\n" + "location = /healthz { proxy_pass http://parley_edge; }\n" + RecommendedLocations,
            NginxVariant.RedirectsEverything => "location / { return 301 https://chat.example.com$request_uri; }",
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        var upstreamBlock = upstream is null ? "" : $$"""
            upstream parley_edge {
                server 127.0.0.1:{{upstream.Port}};
            }
            """;
        return $$"""
            # Test nginx ({{variant}}): everything under {{prefix}}.
            daemon off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;

            events {
                worker_connections 256;
            }

            http {
                access_log {{prefix}}/access.log;
                client_body_temp_path {{prefix}}/client_body_temp;
                proxy_temp_path {{prefix}}/proxy_temp;
                fastcgi_temp_path {{prefix}}/fastcgi_temp;
                uwsgi_temp_path {{prefix}}/uwsgi_temp;
                scgi_temp_path {{prefix}}/scgi_temp;
                types {
                    text/html html;
                    application/json json;
                }
                default_type application/octet-stream;

            {{Indent(UpgradeMap, 1)}}

            {{Indent(upstreamBlock, 1)}}

                server {
                    listen 127.0.0.1:{{port}};
                    server_name _;

            {{Indent(server, 2)}}
                }
            }
            """;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx ({Variant}) exited with {_process.ExitCode}: {Errors()}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartPatience)
            {
                // Not listening yet: nginx parses its configuration and binds in a few milliseconds.
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"nginx ({Variant}) did not listen on port {Port} within {StartPatience.TotalSeconds} s: {Errors()}", e);
            }

            await Task.Delay(20); // the poll interval of this deadline loop on the nginx process (real time)
        }
    }

    /// <summary>What nginx said on stderr and in its error log.</summary>
    public string Errors()
    {
        string stderr;
        lock (_stderr)
        {
            stderr = _stderr.ToString();
        }

        var log = Path.Combine(Prefix, "error.log");
        return (stderr + (File.Exists(log) ? File.ReadAllText(log) : "")).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM by PID: the master stops its workers and exits (SIGKILL would orphan them).
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await kill!.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Prefix, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned up with the temp directory later.
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Indent(string text, int levels)
    {
        var pad = new string(' ', 4 * levels);
        return string.Join('\n', text.Split('\n').Select(l => l.Length == 0 ? l : pad + l));
    }
}
