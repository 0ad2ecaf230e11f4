namespace Parley.Server.Components.Desk;

/// <summary>Where the agent chose to transfer a chat: to <see cref="Agent"/> or to <see cref="Queue"/> (one of the two), with an optional internal <see cref="Note"/>.</summary>
public sealed record TransferChoice(string? Agent, string? Queue, string? Note = null);
