using NodaTime;

namespace Parley.ReportBench.Generation;

/// <summary>
/// How many chats arrive in each hour of the range: a day curve (local hour) times a week curve (local weekday) times a
/// mild season, scaled so that the hours add up to exactly the shape's number of conversations (largest remainders).
/// </summary>
public static class ArrivalCurve
{
    // Local hour 0–23: quiet nights, a morning peak and an afternoon one.
    private static readonly double[] Day =
        [0.15, 0.10, 0.08, 0.06, 0.06, 0.10, 0.30, 0.70, 1.30, 1.80, 2.00, 1.90, 1.60, 1.70, 1.90, 1.80, 1.60, 1.30, 1.00, 0.90, 0.80, 0.60, 0.40, 0.25];

    // Monday … Sunday: the week starts busy, the weekend is quiet.
    private static readonly double[] Week = [1.15, 1.10, 1.05, 1.00, 0.95, 0.45, 0.30];

    public static int[] PerHour(YearShape shape)
    {
        var hours = (int)(shape.To - shape.From).TotalHours;
        var weights = new double[hours];
        var total = 0.0;
        for (var h = 0; h < hours; h++)
        {
            var local = (shape.From + Duration.FromHours(h)).InZone(shape.TimeZone).LocalDateTime;
            var season = 1 + (0.15 * Math.Sin(2 * Math.PI * local.DayOfYear / 365.0));
            weights[h] = Day[local.Hour] * Week[(int)local.DayOfWeek - 1] * season;
            total += weights[h];
        }

        var counts = new int[hours];
        var remainders = new (double Fraction, int Hour)[hours];
        var given = 0;
        for (var h = 0; h < hours; h++)
        {
            var expected = shape.Conversations * weights[h] / total;
            counts[h] = (int)expected;
            given += counts[h];
            remainders[h] = (expected - counts[h], h);
        }

        foreach (var (_, hour) in remainders.OrderByDescending(r => r.Fraction).ThenBy(r => r.Hour).Take(shape.Conversations - given))
        {
            counts[hour]++;
        }

        return counts;
    }
}
