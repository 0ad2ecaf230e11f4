using Parley.Server.Customers;

namespace Parley.Server.Tests.Customers;

/// <summary>The edge's view of the core: a new instance in a heartbeat's answer means the core restarted in between.</summary>
public sealed class CoreLinkTests
{
    [Fact]
    public void Only_a_change_of_the_cores_instance_counts_as_a_restart()
    {
        var link = new CoreLink();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        Assert.False(link.CoreRestarted(first)); // the first answer: nothing to compare with
        Assert.False(link.CoreRestarted(first));
        Assert.False(link.CoreRestarted(null)); // an older core says nothing: no restart claimed
        Assert.True(link.CoreRestarted(second));
        Assert.False(link.CoreRestarted(second));
    }
}
