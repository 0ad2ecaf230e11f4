using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

public static class OptionsSectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its configuration section and checks its data annotations at start-up,
    /// naming the section in each failure. A section with rules beyond annotations adds its own
    /// <see cref="IValidateOptions{TOptions}"/>; every section's failures are reported together.
    /// </summary>
    public static OptionsBuilder<TOptions> AddOptionsSection<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new SectionAnnotationsValidator<TOptions>(section)));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
