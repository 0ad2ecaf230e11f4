using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Parley.Server.Customers;
using Parley.Server.Hosting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>
/// A third-party client is written from docs/api.md: its customer hub section names every call and every event, and the
/// retry contract, or such a client misses messages after an outage of the core.
/// </summary>
public sealed class CustomerHubDocsTests
{
    private static readonly string Section = CustomerHubSection();

    public static TheoryData<string> CallsAndEvents()
    {
        var calls = typeof(CustomerHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetBaseDefinition().DeclaringType == typeof(CustomerHub) && !m.IsSpecialName);
        return [.. calls.Concat(typeof(ICustomerClient).GetMethods()).Select(m => m.Name).Distinct()];
    }

    [Theory]
    [MemberData(nameof(CallsAndEvents))]
    public void Docs_api_md_has_a_row_for_every_customer_hub_call_and_event(string name) =>
        Assert.Contains($"| `{name}` |", Section, StringComparison.Ordinal);

    [Fact]
    public void Docs_api_md_states_the_retry_contract_and_when_to_resume()
    {
        Assert.Contains($"HubException: {HubErrorFilter.RetryMarker.TrimEnd()}", Section, StringComparison.Ordinal);
        Assert.Contains("same `clientMessageId`", Section, StringComparison.Ordinal);
        Assert.Contains("`Resync`", Section[Section.IndexOf("### Outages", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains(nameof(HubException), Section, StringComparison.Ordinal);
    }

    private static string CustomerHubSection()
    {
        var docs = File.ReadAllText(Path.Combine(Broker.RepositoryRoot, "docs", "api.md"));
        var start = docs.IndexOf("### Customer hub `/hubs/customer`", StringComparison.Ordinal);
        return docs[start..docs.IndexOf("## Agent API", start, StringComparison.Ordinal)];
    }
}
