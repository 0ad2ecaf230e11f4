using Parley.Server.Contracts;

namespace Parley.Server.Admin;

/// <summary>
/// What an <see cref="AdminService"/> command did: done, or refused with a <see cref="CoreFailure"/> — the server's one
/// error model, so the admin API answers it through the same map as every other surface. An invalid form carries its
/// field errors in <see cref="CoreFailure.Errors"/>.
/// </summary>
public record AdminResult(CoreFailure? Failure = null)
{
    public bool Succeeded => Failure is null;

    public static AdminResult Done { get; } = new();

    internal static AdminResult NotFound(string detail) => new(new CoreFailure(CoreError.NotFound, detail));

    /// <summary>Refused because of the current state (in use, referenced, last admin).</summary>
    internal static AdminResult Conflict(string detail) => new(new CoreFailure(CoreError.Conflict, detail));

    /// <summary>The acting account is not an admin (any more).</summary>
    internal static AdminResult Forbidden { get; } = new(new CoreFailure(CoreError.Forbidden, "Only an admin can change this; your account's roles have changed."));

    /// <param name="errors">Field path (camelCase, <c>requiredSkills[0].minimumLevel</c>) → messages.</param>
    internal static AdminResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(new CoreFailure(CoreError.Invalid, "Some settings are not valid.", errors));
}

/// <summary>What an <see cref="AdminService"/> command did, and the saved result when it succeeded.</summary>
/// <param name="Created">A create-or-replace created something new.</param>
public sealed record AdminResult<T>(T? Value = default, bool Created = false, CoreFailure? Failure = null) : AdminResult(Failure)
{
    internal static AdminResult<T> From(AdminResult refused) => new(default, false, refused.Failure);
}
