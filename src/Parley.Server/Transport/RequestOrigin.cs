namespace Parley.Server.Transport;

/// <summary>Where a request came from: the edge's name and the transport's message id (for de-duplication and logs).</summary>
public sealed record RequestOrigin(string Edge, string MessageId);
