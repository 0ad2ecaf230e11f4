using Microsoft.Extensions.Options;
using MimeKit;

namespace Parley.Server.Email;

/// <summary>
/// With a host configured, the rest must make a working sender: a port, a valid From (and Reply-To), a password with a
/// user name. Failures name the setting, never the password.
/// </summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"{EmailOptions.Section}:Security must be None, StartTls or SslOnConnect.");
        }

        if (options.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"{EmailOptions.Section}:Port must be between 1 and 65535.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{EmailOptions.Section}:Timeout must be more than zero and at most 10 minutes.");
        }

        if (!IsAddress(options.ReplyTo, optional: true))
        {
            failures.Add($"{EmailOptions.Section}:ReplyTo is not an e-mail address.");
        }

        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add($"{EmailOptions.Section}:Password is set without a Username.");
        }

        if (options.CertificateFingerprint is { } fingerprint && !IsSha256Hex(fingerprint))
        {
            failures.Add($"{EmailOptions.Section}:CertificateFingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits (colons allowed).");
        }

        if (options.IsConfigured)
        {
            if (options.Host!.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                failures.Add($"{EmailOptions.Section}:Host must be a host name or address.");
            }

            if (!IsAddress(options.From, optional: false))
            {
                failures.Add($"{EmailOptions.Section}:From must be an e-mail address (support@example.com or \"Example Support <support@example.com>\") when a Host is set.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static string NormalizeFingerprint(string fingerprint) =>
        fingerprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    private static bool IsSha256Hex(string fingerprint)
    {
        var hex = NormalizeFingerprint(fingerprint);
        return hex.Length == 64 && hex.All(c => char.IsAsciiHexDigit(c));
    }

    private static bool IsAddress(string? value, bool optional) =>
        string.IsNullOrWhiteSpace(value)
            ? optional
            : !value.Any(char.IsControl) && MailboxAddress.TryParse(ParserOptions.Default, value, out var address) && address.Address.Contains('@', StringComparison.Ordinal)
              && address.Address.Length <= 254 && !address.Address.StartsWith('@') && !address.Address.EndsWith('@');
}
