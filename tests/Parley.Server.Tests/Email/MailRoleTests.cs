using System.Net;
using Microsoft.Extensions.Hosting;
using Parley.Server.Email;
using Parley.Server.Tests.Edges;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary>Only the core sends mail: an edge (in the DMZ, without a database) has no outbox, worker or mail pages.</summary>
public sealed class MailRoleTests
{
    [Fact]
    public async Task An_edge_has_no_outbox_no_sender_and_no_mail_pages()
    {
        await using var edge = new ParleyServer(settings: RoleTests.Edge());

        Assert.DoesNotContain(edge.Services.GetServices<IHostedService>(), s => s.GetType().Namespace == typeof(MailOutbox).Namespace);
        Assert.Null(edge.Services.GetService<MailOutboxSignal>());
        using var client = edge.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("admin/mail")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/v1/admin/mail")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("api/v1/admin/mail/1/retry", null)).StatusCode);
    }

    [Fact]
    public async Task The_all_in_one_server_runs_the_sender()
    {
        await using var server = new ParleyServer();

        Assert.Contains(server.Services.GetServices<IHostedService>(), s => s.GetType().Namespace == typeof(MailOutbox).Namespace);
    }
}
