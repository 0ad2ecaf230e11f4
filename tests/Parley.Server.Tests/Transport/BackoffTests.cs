using Parley.Server.Transport.RabbitMq;

namespace Parley.Server.Tests.Transport;

public sealed class BackoffTests
{
    [Fact]
    public void The_wait_doubles_after_each_failure_up_to_the_maximum_and_a_reset_starts_again()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            waits.Add(backoff.Current);
            backoff.Failed();
        }

        Assert.Equal([0.25, 0.5, 1, 2, 4, 8, 10, 10], waits.Select(w => w.TotalSeconds));

        backoff.Reset();
        Assert.Equal(TimeSpan.FromMilliseconds(250), backoff.Current);
    }
}
