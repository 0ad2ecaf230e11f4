using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Email;

public static class EmailExtensions
{
    /// <summary>
    /// E-mail (core): the SMTP settings (validated at start), the retry settings, the outbox's wake-up signal, the admins'
    /// view, the outbox's metrics and the worker that sends the outbox. An edge sends no mail.
    /// </summary>
    public static IHostApplicationBuilder AddParleyEmail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsSection<EmailOptions>(EmailOptions.Section);
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddOptionsSection<MailOutboxOptions>(MailOutboxOptions.Section);
        services.AddSingleton<MailOutboxSignal>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<MailOutboxAdmin>();
        services.AddSingleton<MailMetrics>();
        services.AddHostedService<MailOutboxWorker>();
        return builder;
    }
}
