using Microsoft.Extensions.Options;
using Parley.Server.Admin;
using Parley.Server.Agents;
using Parley.Server.Customers;
using Parley.Server.Demo;
using Parley.Server.Hosting;
using Parley.Server.RoutingHost;
using Parley.Server.Startup;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// Each configuration section is bound to its own options class by the feature that owns it: a key of every section
/// still reaches the options its readers inject, with the meaning the README gives it.
/// </summary>
public sealed class OptionsSectionTests
{
    private static readonly Dictionary<string, (Dictionary<string, string?> Settings, Func<IServiceProvider, object?> Read, object Expected)> Sections = new()
    {
        ["Edge"] = (new() { ["Parley:Edge:Site"] = "site-9" }, sp => Value<EdgeOptions>(sp).Site, "site-9"),
        ["RabbitMq"] = (new() { ["Parley:RabbitMq:RequestTimeout"] = "00:00:07" }, sp => Value<RabbitMqOptions>(sp).RequestTimeout, TimeSpan.FromSeconds(7)),
        ["Customers"] = (new() { ["Parley:Customers:MessageBurst"] = "17" }, sp => Value<CustomerLimitOptions>(sp).MessageBurst, 17),
        ["SecurityHeaders"] = (new() { ["Parley:SecurityHeaders:ReferrerPolicy"] = "same-origin" }, sp => Value<SecurityHeadersOptions>(sp).ReferrerPolicy, "same-origin"),
        ["Database"] = (new() { ["Parley:Database:Provider"] = "sqlite" }, sp => Value<DatabaseOptions>(sp).Provider, "sqlite"),
        ["Demo"] = (new() { ["Parley:Demo:Enabled"] = "false" }, sp => Value<DemoOptions>(sp).Enabled, false),
        ["Routing"] = (new() { ["Parley:Routing:DefaultHandleTime"] = "00:07:00" }, sp => Value<RoutingHostOptions>(sp).DefaultHandleTime, TimeSpan.FromMinutes(7)),
        ["Integrations"] = (new()
        {
            ["Parley:Integrations:ApiKeys:0:Name"] = "voice-platform",
            ["Parley:Integrations:ApiKeys:0:Key"] = "k9QeX2vR7mT4pL8sW1nB5cZ3hJ6fD0gA",
        }, sp => Value<IntegrationOptions>(sp).ApiKeys.Single().Name, "voice-platform"),
        ["Sessions"] = (new() { ["Parley:Sessions:TokenLifetime"] = "03:00:00" }, sp => Value<SessionOptions>(sp).TokenLifetime, TimeSpan.FromHours(3)),
        ["SignIn"] = (new() { ["Parley:SignIn:MaxTracked"] = "5000" }, sp => Value<SignInOptions>(sp).MaxTracked, 5000),
        ["Queues"] = (new()
        {
            ["Parley:Queues:0:Name"] = "billing",
            ["Parley:Queues:0:DisplayName"] = "Billing",
        }, sp => Value<QueuesAndAgentsOptions>(sp).Queues.Single().DisplayName, "Billing"),
        ["Agents"] = (new()
        {
            ["Parley:Agents:0:Username"] = "carol",
            ["Parley:Agents:0:DisplayName"] = "Carol Clark",
            ["Parley:Agents:0:Password"] = "carol-secret-1",
        }, sp => Value<QueuesAndAgentsOptions>(sp).Agents.Single().DisplayName, "Carol Clark"),
        ["Email"] = (new() { ["Parley:Email:Smtp:Security"] = "SslOnConnect" }, sp => Value<Parley.Server.Email.EmailOptions>(sp).Security, Parley.Server.Email.SmtpSecurity.SslOnConnect),
        ["EmailOutbox"] = (new() { ["Parley:Email:Outbox:MaxRetryDelay"] = "00:30:00" }, sp => Value<Parley.Server.Email.MailOutboxOptions>(sp).MaxRetryDelay, TimeSpan.FromMinutes(30)),
        ["Root"] = (new() { ["Parley:TrustedProxies:0"] = "10.0.0.0/24" }, sp => Value<ParleyOptions>(sp).TrustedProxies.Single(), "10.0.0.0/24"),
    };

    public static TheoryData<string> SectionNames => [.. Sections.Keys];

    [Theory]
    [MemberData(nameof(SectionNames))]
    public async Task A_key_of_each_section_reaches_the_options_of_its_section(string section)
    {
        var (settings, read, expected) = Sections[section];
        await using var server = new ParleyServer(settings: settings);

        Assert.Equal(expected, read(server.Services));
    }

    [Theory]
    [InlineData("all")]
    [InlineData("core")]
    public void Start_up_lists_the_failures_of_every_section_together(string role)
    {
        var e = Assert.ThrowsAny<Exception>(() => new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Role"] = role,
            ["Parley:Routing:TickInterval"] = "00:00:30",
            ["Parley:Customers:MessageBurst"] = "0",
            ["Parley:Integrations:ApiKeys:0:Name"] = "crm",
            ["Parley:Integrations:ApiKeys:0:Key"] = "too-short",
            ["Parley:Queues:0:Name"] = "Bad Name!",
            ["Parley:Edge:Name"] = "Edge One",
            ["Parley:TrustedProxies:0"] = "nowhere",
        }));
        var messages = Messages(e);

        Assert.Contains("Parley:Routing: ", messages, StringComparison.Ordinal);
        Assert.Contains("Parley:Integrations:ApiKeys:0:Key", messages, StringComparison.Ordinal);
        Assert.Contains("Parley:Queues:0:Name", messages, StringComparison.Ordinal);
        Assert.Contains("Parley:Edge:Name must be", messages, StringComparison.Ordinal);
        Assert.Contains("Parley:TrustedProxies:0", messages, StringComparison.Ordinal);
        if (role == "all")
        {
            // The customer limits belong to the edge side; a core does not read them.
            Assert.Contains("Parley:Customers: ", messages, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Parley:RabbitMq:Uri is required for the role 'core'", messages, StringComparison.Ordinal);
            Assert.Contains("Parley:InstallationKey is required for the role 'core'", messages, StringComparison.Ordinal);
        }
    }

    private static string Messages(Exception e) =>
        e is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Messages))
            : e.InnerException is null ? e.Message : $"{e.Message} | {Messages(e.InnerException)}";

    private static T Value<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
