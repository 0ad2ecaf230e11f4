namespace Parley.Server.Edges;

public sealed record EdgeStatus(EdgeView Edge, bool Online, bool ClockWarning);
