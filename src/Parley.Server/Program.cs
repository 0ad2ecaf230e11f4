using Parley.Server.Accounts;
using Parley.Server.Admin;
using Parley.Server.Agents;
using Parley.Server.CannedResponses;
using Parley.Server.Components;
using Parley.Server.Conversations;
using Parley.Server.Customers;
using Parley.Server.Demo;
using Parley.Server.Edges;
using Parley.Server.Email;
using Parley.Server.Files;
using Parley.Server.Hosting;
using Parley.Server.Queues;
using Parley.Server.Reporting;
using Parley.Server.UrlCheck;
using Parley.Server.RoutingHost;
using Parley.Server.Startup;
using Parley.Server.Storage;
using Parley.Server.Telemetry;
using Parley.Server.Transport;

if (args is ["check-url", ..])
{
    Environment.ExitCode = await CheckUrlCommand.RunAsync(args[1..]);
    return;
}

if (args is ["reset-password", ..])
{
    Environment.ExitCode = await ResetPasswordCommand.RunAsync(args[1..]);
    return;
}

var builder = WebApplication.CreateBuilder(args);
var role = ParleyRole.From(builder.Configuration);

builder.AddParleyHosting(role);
builder.AddParleyTelemetry(role);
builder.AddParleyStartup(role);
builder.AddParleyStorage(role);
if (role.HasCore)
{
    builder.AddParleyEmail();
    builder.AddParleyAccounts();
    builder.AddParleyQueues();
    builder.AddParleyFiles();
    builder.AddParleyConversations();
    builder.AddParleyDemo();
    builder.AddParleyRoutingHost();
    builder.AddParleyAgents();
    builder.AddParleyCannedResponses();
    builder.AddParleyReporting();
    builder.AddParleyAdmin();
    builder.AddParleyComponents();
}

if (role.HasEdge)
{
    builder.AddParleyCustomers();
}

builder.AddParleyUrlCheck();

if (role.HasCore)
{
    builder.AddParleyEdges();
}

builder.AddParleyTransport(role);

var app = builder.Build();

app.UseParleyHosting();
if (role.HasEdge)
{
    app.MapParleyCustomers();
    app.MapParleyUrlCheck();
}

if (role.HasCore)
{
    app.MapParleyAgents();
    app.MapParleyCannedResponses();
    app.MapParleyReporting();
    app.MapParleyAdmin();
    app.MapParleyComponents();
}

app.MapParleyHosting(role);
app.MapParleyTelemetry(role);

app.Run();

/// <summary>The entry point, visible to the integration-test factory.</summary>
public partial class Program;
