using System.Globalization;
using System.Text;

namespace Parley.Server.Components.Admin;

/// <summary>
/// The field errors of the last save (field path in camelCase → messages, as <see cref="Parley.Server.Admin.AdminService"/>
/// returns them: <c>displayName</c>, <c>requiredSkills[0].minimumLevel</c>, <c>queuePriorities[sales]</c>), cascaded
/// to the fields of an editor. <paramref name="formOrder"/> lists the editor's settings as the form shows them, rows'
/// parts as <c>requiredSkills.minimumLevel</c>: <see cref="All"/> follows it, row by row (unlisted fields last, by name).
/// </summary>
public sealed class FieldErrors(IReadOnlyDictionary<string, string[]>? errors, IReadOnlyList<string>? formOrder = null)
{
    private readonly IReadOnlyDictionary<string, string[]> _errors = errors ?? new Dictionary<string, string[]>();
    private readonly IReadOnlyList<string> _order = formOrder ?? [];

    public static FieldErrors None { get; } = new(null);

    public bool Any => _errors.Count > 0;

    public IEnumerable<(string Field, string Message)> All =>
        _errors.OrderBy(e => e.Key, Comparer<string>.Create(CompareInFormOrder)).SelectMany(e => e.Value.Select(m => (e.Key, m)));

    /// <summary>Segment by segment: the setting's place in the form, then the row (numbers as numbers).</summary>
    private int CompareInFormOrder(string a, string b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var (nameA, indexA) = Split(left[i]);
            var (nameB, indexB) = Split(right[i]);
            var pathA = string.Join('.', left.Take(i).Select(s => Split(s).Name).Append(nameA));
            var pathB = string.Join('.', right.Take(i).Select(s => Split(s).Name).Append(nameB));
            var byForm = Rank(pathA).CompareTo(Rank(pathB));
            if (byForm != 0)
            {
                return byForm;
            }

            var byName = string.CompareOrdinal(nameA, nameB);
            if (byName != 0)
            {
                return byName;
            }

            var byRow = int.TryParse(indexA, NumberStyles.None, CultureInfo.InvariantCulture, out var rowA)
                        && int.TryParse(indexB, NumberStyles.None, CultureInfo.InvariantCulture, out var rowB)
                ? rowA.CompareTo(rowB)
                : string.CompareOrdinal(indexA, indexB);
            if (byRow != 0)
            {
                return byRow;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private int Rank(string path)
    {
        for (var i = 0; i < _order.Count; i++)
        {
            if (_order[i] == path)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static (string Name, string Index) Split(string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? (segment, "") : (segment[..bracket], segment[(bracket + 1)..].TrimEnd(']'));
    }

    /// <summary>The messages of <paramref name="field"/>, and with <paramref name="nested"/> those of its parts (<c>field[…]</c>, <c>field.…</c>).</summary>
    public IEnumerable<(string Field, string Message)> For(string field, bool nested = false) =>
        All.Where(e => e.Field == field || (nested && Within(e.Field, field)));

    public bool Has(string field, bool nested = false) => For(field, nested).Any();

    /// <summary>The CSS class of an input whose field has an error.</summary>
    public string? Css(string field) => _errors.ContainsKey(field) ? "invalid" : null;

    private static bool Within(string key, string field) =>
        key.Length > field.Length && key.StartsWith(field, StringComparison.Ordinal) && key[field.Length] is '[' or '.';

    /// <summary>A field path in words: <c>requiredSkills[0].minimumLevel</c> → "Required skill 1 · minimum level".</summary>
    public static string Describe(string field)
    {
        var words = new StringBuilder();
        foreach (var (segment, i) in field.Split('.').Select((s, i) => (s, i)))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var word = Names.GetValueOrDefault(name, name);
            if (i > 0)
            {
                words.Append(" · ");
                word = char.ToLowerInvariant(word[0]) + word[1..];
            }

            words.Append(word);
            if (bracket >= 0)
            {
                var index = segment[(bracket + 1)..].TrimEnd(']');
                words.Append(int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? $" {n + 1}"
                    : $" '{index}'");
            }
        }

        return words.ToString();
    }

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["name"] = "Name",
        ["displayName"] = "Display name",
        ["welcome"] = "Welcome message",
        ["offerTimeoutSeconds"] = "Offer timeout",
        ["questions"] = "Question",
        ["id"] = "Id",
        ["label"] = "Label",
        ["type"] = "Type",
        ["options"] = "Option",
        ["requiredSkills"] = "Required skill",
        ["skill"] = "Skill",
        ["minimumLevel"] = "Minimum level",
        ["priority"] = "Priority",
        ["answerRules"] = "Answer rule",
        ["question"] = "Question",
        ["answer"] = "Answer",
        ["maxQueueLength"] = "Max queue length",
        ["maxWaitSeconds"] = "Max wait",
        ["overflowQueue"] = "Overflow queue",
        ["overflowAfterSeconds"] = "Overflow after",
        ["relaxation"] = "Relaxation step",
        ["afterSeconds"] = "After",
        ["wrapUpSeconds"] = "Wrap-up",
        ["strategy"] = "Strategy",
        ["priorityAgingSeconds"] = "Priority aging",
        ["manualPick"] = "Manual pick",
        ["affinitySeconds"] = "Affinity",
        ["serviceLevelSeconds"] = "Service level",
        ["serviceLevelTarget"] = "Service level target",
        ["shortAbandonSeconds"] = "Short abandon",
        ["attachmentMaxBytes"] = "Largest file",
        ["attachmentTypes"] = "File types",
        ["username"] = "Username",
        ["password"] = "Password",
        ["roles"] = "Role",
        ["queues"] = "Queue",
        ["queuePriorities"] = "Queue priority",
        ["skills"] = "Skill",
        ["level"] = "Level",
        ["capacity"] = "Capacity",
    };
}
