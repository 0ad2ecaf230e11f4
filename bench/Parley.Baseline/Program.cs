namespace Parley.Baseline;

/// <summary>
/// <c>dotnet run -c Release --project bench/Parley.Baseline -- --mode bare|signalr --urls http://127.0.0.1:5090</c>:
/// starts one baseline and prints <c>Baseline &lt;mode&gt; listening on &lt;url&gt;</c> when it accepts connections.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        BaselineApp baseline;
        try
        {
            baseline = BaselineApp.Create(args);
        }
        catch (BaselineUsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        await using (baseline)
        {
            await baseline.StartAsync();
            foreach (var address in baseline.Addresses)
            {
                Console.WriteLine($"Baseline {baseline.ModeName} listening on {address.GetLeftPart(UriPartial.Authority)}");
            }

            await baseline.App.WaitForShutdownAsync();
        }

        return 0;
    }
}
