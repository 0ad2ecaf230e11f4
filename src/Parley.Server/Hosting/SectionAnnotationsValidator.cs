using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

/// <summary>
/// The data annotations (and <see cref="IValidatableObject"/>) of one options section, each failure prefixed with the
/// section's path (<c>Parley:Routing: The field TickInterval must be between …</c>) so the start-up error names the setting.
/// </summary>
public sealed class SectionAnnotationsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{section}: {r.ErrorMessage}"));
    }
}
