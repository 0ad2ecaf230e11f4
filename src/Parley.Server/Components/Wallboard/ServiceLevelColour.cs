namespace Parley.Server.Components.Wallboard;

/// <summary>How a service level reads on the wallboard against its queue's target.</summary>
public enum ServiceLevelColour
{
    /// <summary>Nothing counts in it yet (no answer, no abandon after the short-abandon threshold).</summary>
    None,

    /// <summary>At or above the target.</summary>
    Green,

    /// <summary>Below the target by at most 10 percentage points.</summary>
    Amber,

    /// <summary>More than 10 points below the target.</summary>
    Red,
}

/// <summary>The wallboard's colour rule: green at or above target, amber within 10 points below it, red further below.</summary>
public static class ServiceLevelColours
{
    /// <summary>The amber band below the target: 10 percentage points.</summary>
    public const double AmberBand = 0.10;

    public static ServiceLevelColour Of(double? serviceLevel, double target)
    {
        if (serviceLevel is not { } level || double.IsNaN(level))
        {
            return ServiceLevelColour.None;
        }

        // Compared as shown (whole percent): 79.6 % reads "80 %", and "80 %" against a target of 80 % is green.
        var shown = Math.Round(level * 100, MidpointRounding.AwayFromZero);
        var goal = Math.Round(target * 100, 1);
        return shown >= goal ? ServiceLevelColour.Green
            : shown >= goal - (AmberBand * 100) ? ServiceLevelColour.Amber
            : ServiceLevelColour.Red;
    }

    public static string ClassOf(ServiceLevelColour colour) => colour switch
    {
        ServiceLevelColour.Green => "sl-green",
        ServiceLevelColour.Amber => "sl-amber",
        ServiceLevelColour.Red => "sl-red",
        _ => "sl-none",
    };

    /// <summary>"86 %" (whole percent: read across a room), or a dash.</summary>
    public static string Percent(double? value) => value is { } v && !double.IsNaN(v) ? $"{Math.Round(v * 100, MidpointRounding.AwayFromZero):0} %" : "—";
}
