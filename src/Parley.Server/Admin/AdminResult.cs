namespace Parley.Server.Admin;

public enum AdminStatus
{
    /// <summary>Done (read, changed or deleted).</summary>
    Ok,

    /// <summary>A create-or-replace created something new.</summary>
    Created,

    /// <summary>No such queue or agent.</summary>
    NotFound,

    /// <summary>The input is invalid; see <see cref="AdminResult.Errors"/> (field path → messages).</summary>
    Invalid,

    /// <summary>Refused because of the current state (in use, referenced, last admin); see <see cref="AdminResult.Detail"/>.</summary>
    Conflict,

    /// <summary>The acting account is not an admin (any more); see <see cref="AdminResult.Detail"/>.</summary>
    Forbidden,
}

/// <summary>What an <see cref="AdminService"/> command did.</summary>
/// <param name="Detail">A sentence for the user when the command was refused.</param>
/// <param name="Errors">Field path (camelCase, <c>requiredSkills[0].minimumLevel</c>) → messages, when <see cref="Status"/> is <see cref="AdminStatus.Invalid"/>.</param>
public record AdminResult(AdminStatus Status, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Status is AdminStatus.Ok or AdminStatus.Created;

    public static AdminResult Done { get; } = new(AdminStatus.Ok);

    internal static AdminResult NotFound(string detail) => new(AdminStatus.NotFound, detail);

    internal static AdminResult Conflict(string detail) => new(AdminStatus.Conflict, detail);

    internal static AdminResult Forbidden { get; } = new(AdminStatus.Forbidden, "Only an admin can change this; your account's roles have changed.");

    internal static AdminResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(AdminStatus.Invalid, "Some settings are not valid.", errors);
}

/// <summary>What an <see cref="AdminService"/> command did, and the saved result when it succeeded.</summary>
public sealed record AdminResult<T>(AdminStatus Status, T? Value = default, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
    : AdminResult(Status, Detail, Errors)
{
    internal static AdminResult<T> From(AdminResult failure) => new(failure.Status, default, failure.Detail, failure.Errors);
}
