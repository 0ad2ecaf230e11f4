namespace Parley.Server.Contracts;

/// <summary>Who wrote a message.</summary>
public enum MessageSender
{
    Customer,
    Agent,
    System,
}
