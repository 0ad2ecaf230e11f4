namespace Parley.Server.CannedResponses;

/// <summary>
/// A canned response as written through the API or a page. <see cref="Scope"/> (<c>personal</c>, <c>queue</c> or
/// <c>global</c>) and <see cref="Queue"/> are read when it is created and fixed after that; a change replaces the
/// shortcut, title, text and attachment.
/// </summary>
public sealed record CannedResponseInput(
    string? Shortcut,
    string? Title,
    string? Text,
    string? Scope = null,
    string? Queue = null,
    Guid? AttachmentId = null);
