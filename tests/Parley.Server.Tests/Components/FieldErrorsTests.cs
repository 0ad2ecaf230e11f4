using Parley.Server.Components.Admin;

namespace Parley.Server.Tests.Components;

/// <summary>The order of an error summary: the form's, row by row, not the alphabet's.</summary>
public sealed class FieldErrorsTests
{
    private static readonly string[] Order =
        ["name", "displayName", "questions", "questions.id", "questions.label", "requiredSkills", "requiredSkills.skill", "requiredSkills.minimumLevel"];

    [Fact]
    public void Errors_follow_the_form_then_the_rows_in_number_order_then_unlisted_fields_by_name()
    {
        var errors = new FieldErrors(new Dictionary<string, string[]>
        {
            ["requiredSkills[10].skill"] = ["s10"],
            ["zebra"] = ["z"],
            ["displayName"] = ["d"],
            ["requiredSkills[2].minimumLevel"] = ["m2"],
            ["questions[0].label"] = ["l0"],
            ["requiredSkills[2].skill"] = ["s2"],
            ["alpha"] = ["a"],
            ["name"] = ["n"],
            ["questions[0].id"] = ["i0"],
        }, Order);

        Assert.Equal(["n", "d", "i0", "l0", "s2", "m2", "s10", "a", "z"], errors.All.Select(e => e.Message));
    }

    [Fact]
    public void Without_a_form_order_the_fields_come_by_name()
    {
        var errors = new FieldErrors(new Dictionary<string, string[]> { ["username"] = ["u"], ["displayName"] = ["d"], ["password"] = ["p"] });

        Assert.Equal(["d", "p", "u"], errors.All.Select(e => e.Message));
    }
}
