namespace Parley.Server.Hosting;

/// <summary>Checks shared by the lists a configuration section defines (queues, agents, integration keys).</summary>
public static class ConfiguredList
{
    /// <summary>The names given twice: <c>Parley:Queues: the queue 'billing' is defined twice.</c></summary>
    public static IEnumerable<string> Duplicates(IEnumerable<string> names, string path, string what) =>
        names.Where(n => !string.IsNullOrEmpty(n)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{path}: the {what} '{g.Key}' is defined twice.");
}
