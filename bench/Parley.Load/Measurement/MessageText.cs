using System.Globalization;
using System.Text;

namespace Parley.Load.Measurement;

/// <summary>
/// The text of a load message: <c>lt:&lt;clientMessageId&gt;:&lt;intended send time in Stopwatch ticks&gt;:</c> padded with
/// letters to the requested size. The id in the text lets a receiver that gets no clientMessageId (the bare relay)
/// match it, and the time is there for anyone reading a transcript.
/// </summary>
public static class MessageText
{
    private const string Prefix = "lt:";

    public static string Compose(string clientMessageId, long intendedTicks, int size)
    {
        var text = new StringBuilder(Math.Max(size, 64));
        text.Append(Prefix).Append(clientMessageId).Append(':').Append(intendedTicks.ToString(CultureInfo.InvariantCulture)).Append(':');
        var filler = "load test message ";
        while (text.Length < size)
        {
            text.Append(filler[text.Length % filler.Length]);
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The clientMessageId inside a load message, or null for any other text.</summary>
    public static string? IdOf(string? text)
    {
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = text.IndexOf(':', Prefix.Length);
        return end > Prefix.Length ? text[Prefix.Length..end] : null;
    }
}
