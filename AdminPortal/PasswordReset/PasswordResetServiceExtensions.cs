using AdminPortal.Limits;
using Microsoft.Extensions.Options;

namespace AdminPortal.PasswordReset;

public static class PasswordResetServiceExtensions
{
    /// <summary>The reset wizard's services and rate-limit rules. Needs AddEmail() and AddAccounts().</summary>
    public static IServiceCollection AddPasswordReset(this IServiceCollection services)
    {
        services.AddOptions<PasswordResetOptions>().BindConfiguration(PasswordResetOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordResetOptions>, PasswordResetOptionsValidator>();
        services.AddScoped<PasswordResetService>();
        services.AddSingleton<PasswordResetWizard>();
        services.AddScoped<PasswordResetRateLimits>();
        services.AddSingleton<SendDurationEqualizer>();
        services.AddSharedRateLimit(PasswordResetRateLimits.EmailStepAddressRule);
        services.AddSharedRateLimit(PasswordResetRateLimits.CodeStepAddressRule);
        return services;
    }
}
