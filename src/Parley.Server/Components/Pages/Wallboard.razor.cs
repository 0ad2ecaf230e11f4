namespace Parley.Server.Components.Pages;

public sealed partial class Wallboard
{
    [LoggerMessage(EventId = 5463, Level = LogLevel.Warning, Message = "The wallboard could not read today's figures; the live ones go on")]
    private static partial void LogFiguresFailed(ILogger logger, Exception exception);
}
