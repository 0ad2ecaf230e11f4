namespace Parley.Server.Transport.RabbitMq;

/// <summary>The broker cannot be reached now; the edge answers Unavailable, the core logs and retries later.</summary>
internal sealed class BrokerUnavailableException(string message) : Exception(message);
