using Microsoft.Extensions.Options;

namespace AdminPortal.PasswordReset;

public static class PasswordResetServiceExtensions
{
    /// <summary>The reset wizard's services and rate-limit policies. Needs AddEmail() and AddAccounts().</summary>
    public static IServiceCollection AddPasswordReset(this IServiceCollection services)
    {
        services.AddOptions<PasswordResetOptions>().BindConfiguration(PasswordResetOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordResetOptions>, PasswordResetOptionsValidator>();
        services.AddScoped<PasswordResetService>();
        services.AddSingleton<PasswordResetWizard>();
        services.AddSingleton<PasswordResetRateLimits>();
        services.AddSingleton<SendDurationEqualizer>();
        services.AddRateLimiter(PasswordResetRateLimits.AddPolicies);
        return services;
    }
}
