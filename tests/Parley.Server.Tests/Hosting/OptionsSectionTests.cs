using Microsoft.Extensions.Options;
using Parley.Server.Agents;
using Parley.Server.Customers;
using Parley.Server.Hosting;
using Parley.Server.Tests.Infrastructure;

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

    private static T Value<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
