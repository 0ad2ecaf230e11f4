namespace Parley.Server.Admin;

/// <summary>Body of <c>PUT /api/v1/agents/{username}/external-state</c>.</summary>
/// <param name="Source">Which system reports the state (<c>voice</c>, <c>email</c>…): <c>^[a-z0-9][a-z0-9-]{0,31}$</c>.</param>
/// <param name="Busy">True while the agent is busy there (no chats are offered); false when they are free again.</param>
public sealed record ExternalStateBody(string? Source, bool? Busy);
