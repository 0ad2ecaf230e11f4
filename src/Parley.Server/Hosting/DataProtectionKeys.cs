using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Parley.Server.Hosting;

/// <summary>
/// The data-protection key ring (sign-in cookies, antiforgery, customer tokens) in the data directory's <c>keys</c>
/// folder, so sign-ins survive a restart. The keys are stored unencrypted: what protects them is the directory's mode
/// (0700, the server's user only; see <see cref="DataDirectory"/>). That is a decision, not an accident, so the
/// framework's "No XML encryptor configured" warning is silenced (<see cref="KeyManagerCategory"/> at Error, in
/// <see cref="HostingExtensions"/>) and each new key is said once, calmly, with where it is.
/// </summary>
internal sealed partial class DataProtectionKeys(DirectoryInfo directory, ILoggerFactory loggers) : IXmlRepository
{
    /// <summary>The category of the framework's key manager, whose only routine warning is the unencrypted key.</summary>
    public const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    private readonly FileSystemXmlRepository _files = new(directory, loggers);
    private readonly ILogger _logger = loggers.CreateLogger<DataProtectionKeys>();

    public IReadOnlyCollection<XElement> GetAllElements() => _files.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        _files.StoreElement(element, friendlyName);
        LogKeyStored(friendlyName, directory.FullName);
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information,
        Message = "Data protection: stored a new key ({Name}) in {Directory}, unencrypted; only this server's user may read that directory (0700). See docs/deployment.md, \"Data-protection keys\".")]
    private partial void LogKeyStored(string name, string directory);
}
