using System.Globalization;

namespace Parley.Load.Scenarios;

/// <summary>
/// Every knob a scenario may use. A scenario's preset fills them (full size or <c>--smoke</c>); command-line flags
/// of the same names override them. Each scenario lists the ones it reads, and only those are printed.
/// </summary>
public sealed class ScenarioParameters
{
    /// <summary>Customer connections to open and hold (idle).</summary>
    public int Customers { get; set; }

    /// <summary>Concurrent conversations (steady).</summary>
    public int Conversations { get; set; }

    /// <summary>Agents; 0 = as many as the conversations need at the lowest capacity.</summary>
    public int Agents { get; set; }

    public int CapacityMin { get; set; } = 3;

    public int CapacityMax { get; set; } = 5;

    /// <summary>Messages per second, both directions together (steady).</summary>
    public double MessageRate { get; set; }

    /// <summary>New chats per second (arrivals).</summary>
    public double ArrivalRate { get; set; }

    /// <summary>Chat starts and connections per second while setting up.</summary>
    public double ConnectRate { get; set; }

    /// <summary>How long the load runs (idle: how long the connections are held).</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>The first part of <see cref="Duration"/>, shown on the timeline but left out of the result's figures.</summary>
    public TimeSpan Warmup { get; set; }

    /// <summary>How long an agent keeps a chat before closing it (arrivals).</summary>
    public TimeSpan HandleTime { get; set; }

    /// <summary>How long to wait after the load for outstanding deliveries (and, in arrivals, chats) before counting them lost.</summary>
    public TimeSpan Drain { get; set; }

    /// <summary>How long setting up may take (agents connected, chats assigned).</summary>
    public TimeSpan SetupTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Customers whose connections are dropped at once (reconnect-storm); 0 = all of them.</summary>
    public int Drop { get; set; }

    /// <summary>When, after the load started, the fault happens (the drop, the kill).</summary>
    public TimeSpan FaultAt { get; set; }

    /// <summary>How long the dropped customers stay away before they all reconnect at once.</summary>
    public TimeSpan Down { get; set; }

    /// <summary>Characters per message.</summary>
    public int MessageSize { get; set; } = 64;

    /// <summary>Poisson arrivals (exponential gaps) instead of evenly spaced ones, at the same mean rate.</summary>
    public bool Poisson { get; set; }

    public static readonly IReadOnlyList<ParameterInfo> All =
    [
        new("customers", "customer connections opened and held", p => Int(p.Customers), (p, v) => p.Customers = ParseInt(v)),
        new("conversations", "concurrent conversations", p => Int(p.Conversations), (p, v) => p.Conversations = ParseInt(v)),
        new("agents", "agents (0 = enough for the conversations)", p => Int(p.Agents), (p, v) => p.Agents = ParseInt(v)),
        new("capacity", "chats per agent, a range min-max spread over the agents", p => p.CapacityMin == p.CapacityMax ? Int(p.CapacityMin) : $"{Int(p.CapacityMin)}-{Int(p.CapacityMax)}", ParseCapacity),
        new("rate", "messages per second, both directions together (open loop)", p => Number(p.MessageRate), (p, v) => p.MessageRate = ParseDouble(v)),
        new("arrival-rate", "new chats per second (open loop)", p => Number(p.ArrivalRate), (p, v) => p.ArrivalRate = ParseDouble(v)),
        new("connect-rate", "chat starts and connections per second while setting up", p => Number(p.ConnectRate), (p, v) => p.ConnectRate = ParseDouble(v)),
        new("duration", "how long the load runs (idle: the hold)", p => Span(p.Duration), (p, v) => p.Duration = ParseSpan(v)),
        new("warmup", "first part of the duration left out of the figures", p => Span(p.Warmup), (p, v) => p.Warmup = ParseSpan(v)),
        new("handle-time", "how long an agent keeps a chat before closing it", p => Span(p.HandleTime), (p, v) => p.HandleTime = ParseSpan(v)),
        new("drain", "wait for outstanding deliveries after the load", p => Span(p.Drain), (p, v) => p.Drain = ParseSpan(v)),
        new("setup-timeout", "limit for connecting agents and assigning chats", p => Span(p.SetupTimeout), (p, v) => p.SetupTimeout = ParseSpan(v)),
        new("drop", "customer connections dropped at once (0 = all)", p => Int(p.Drop), (p, v) => p.Drop = ParseInt(v)),
        new("fault-at", "when the fault happens, counted from the start of the load", p => Span(p.FaultAt), (p, v) => p.FaultAt = ParseSpan(v)),
        new("down", "how long the dropped customers stay away before all reconnect at once", p => Span(p.Down), (p, v) => p.Down = ParseSpan(v)),
        new("message-size", "characters per message", p => Int(p.MessageSize), (p, v) => p.MessageSize = ParseInt(v)),
        new("poisson", "Poisson arrivals instead of evenly spaced (true/false)", p => p.Poisson ? "true" : "false", (p, v) => p.Poisson = ParseBool(v)),
    ];

    /// <summary>
    /// The preset of a scenario built on the steady message load: agents enough for the conversations (capacity
    /// 3–5 each), no warm-up unless given, evenly spaced messages.
    /// </summary>
    public void SetMessageLoad(int conversations, double rate, TimeSpan duration, double connectRate, TimeSpan drain, TimeSpan warmup = default)
    {
        (Conversations, Agents, CapacityMin, CapacityMax) = (conversations, 0, 3, 5);
        (MessageRate, Duration, Warmup, ConnectRate, Drain) = (rate, duration, warmup, connectRate, drain);
    }

    /// <summary>What every scenario built on the steady message load (steady, reconnect-storm, crash) needs.</summary>
    public IEnumerable<string> ValidateMessageLoad()
    {
        if (Conversations < 1)
        {
            yield return "--conversations must be at least 1.";
        }

        if (MessageRate <= 0 || ConnectRate <= 0)
        {
            yield return "--rate and --connect-rate must be above 0.";
        }

        if (Warmup >= Duration)
        {
            yield return "--warmup must be shorter than --duration.";
        }
    }

    public static ParameterInfo? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The capacity of agent number <paramref name="index"/>: min, min+1 … max, min again.</summary>
    public int CapacityOf(int index) => CapacityMin + (index % (CapacityMax - CapacityMin + 1));

    /// <summary>The agents to use: <see cref="Agents"/>, or the fewest whose capacities add up to <paramref name="chats"/>.</summary>
    public int AgentsFor(int chats)
    {
        if (Agents > 0)
        {
            return Agents;
        }

        var (count, total) = (0, 0);
        while (total < chats)
        {
            total += CapacityOf(count++);
        }

        return Math.Max(count, 1);
    }

    public static TimeSpan ParseSpan(string value)
    {
        var v = value.Trim();
        (string number, double unit) = v switch
        {
            _ when v.EndsWith("ms", StringComparison.Ordinal) => (v[..^2], 0.001),
            _ when v.EndsWith('s') => (v[..^1], 1),
            _ when v.EndsWith('m') => (v[..^1], 60),
            _ when v.EndsWith('h') => (v[..^1], 3600),
            _ => (v, 1),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? TimeSpan.FromSeconds(n * unit)
            : throw new FormatException($"'{value}' is not a duration (e.g. 30s, 500ms, 2m).");
    }

    public static string Span(TimeSpan span) =>
        span.TotalSeconds < 1 && span > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.#}ms")
            : span.TotalSeconds % 60 == 0 && span.TotalSeconds >= 120
                ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0}m")
                : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s");

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static int ParseInt(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new FormatException($"'{value}' is not a whole number ≥ 0.");

    private static double ParseDouble(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 && double.IsFinite(n)
            ? n
            : throw new FormatException($"'{value}' is not a number ≥ 0.");

    private static bool ParseBool(string value) => value.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "1" or "ON" => true,
        "FALSE" or "NO" or "0" or "OFF" => false,
        _ => throw new FormatException($"'{value}' is not true or false."),
    };

    private static void ParseCapacity(ScenarioParameters p, string value)
    {
        var parts = value.Split('-', 2);
        var min = ParseInt(parts[0]);
        var max = parts.Length == 2 ? ParseInt(parts[1]) : min;
        if (min < 1 || max < min)
        {
            throw new FormatException($"'{value}' is not a capacity (e.g. 4 or 3-5).");
        }

        (p.CapacityMin, p.CapacityMax) = (min, max);
    }
}

/// <summary>A scenario parameter: its flag name (<c>--name value</c>), meaning, and how it is shown and parsed.</summary>
public sealed record ParameterInfo(string Name, string Description, Func<ScenarioParameters, string> Format, Action<ScenarioParameters, string> Parse);
