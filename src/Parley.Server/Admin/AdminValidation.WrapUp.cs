using Parley.Server.Conversations;
using Parley.Server.Queues;

namespace Parley.Server.Admin;

// The checks of a queue's wrap-up codes.
public static partial class AdminValidation
{
    private static void CheckWrapUpCodes(ErrorList errors, QueueDefinition queue)
    {
        var codes = queue.WrapUpCodes ?? [];
        if (codes.Count > WrapUpRules.MaxCodes)
        {
            errors.Add("wrapUpCodes", $"At most {WrapUpRules.MaxCodes} wrap-up codes.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i]?.Code?.Trim();
            if (!WrapUpRules.IsCode(code))
            {
                errors.Add($"wrapUpCodes[{i}].code", WrapUpRules.CodeError);
            }
            else if (!seen.Add(code!))
            {
                errors.Add($"wrapUpCodes[{i}].code", $"'{code}' is listed twice.");
            }

            var label = codes[i]?.Label?.Trim();
            if (label is not { Length: > 0 and <= WrapUpRules.MaxLabelLength } || !ValidText.Is(label))
            {
                errors.Add($"wrapUpCodes[{i}].label", $"A label is 1–{WrapUpRules.MaxLabelLength} characters.");
            }
        }

        if (queue.WrapUpCodeRequired && codes.Count == 0)
        {
            errors.Add("wrapUpCodeRequired", "A required wrap-up code needs at least one code.");
        }
    }
}
