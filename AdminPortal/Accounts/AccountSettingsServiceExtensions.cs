namespace AdminPortal.Accounts;

public static class AccountSettingsServiceExtensions
{
    /// <summary>The self-service settings pages' services: theme and email.</summary>
    public static IServiceCollection AddAccountSettings(this IServiceCollection services)
    {
        services.AddScoped<ThemeService>();
        services.AddScoped<AccountEmailService>();
        return services;
    }
}
