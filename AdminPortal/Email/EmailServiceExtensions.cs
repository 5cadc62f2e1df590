using Microsoft.Extensions.Options;

namespace AdminPortal.Email;

public static class EmailServiceExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<EmailSender>();
        services.AddScoped<AccountEmails>();
        return services;
    }
}
