using Parley.Server.Admin;
using Parley.Server.Agents;
using Parley.Server.Components;
using Parley.Server.Customers;
using Parley.Server.Hosting;
using Parley.Server.Routing;
using Parley.Server.Storage;
using Parley.Server.Transport;

var builder = WebApplication.CreateBuilder(args);

builder.AddParleyHosting();
builder.AddParleyStorage();
builder.AddParleyTransport();
builder.AddParleyCore();
builder.AddParleyRouting();
builder.AddParleyAgents();
builder.AddParleyAdmin();
builder.AddParleyEdge();
builder.AddParleyDesktop();

var app = builder.Build();

app.UseParleyHosting();
app.MapCustomerApi();
app.MapAgentApi();
app.MapParleyAdmin();
app.MapParleyDesktop();
app.MapParleyHosting();

app.Run();

/// <summary>The entry point, visible to the integration-test factory.</summary>
public partial class Program;
