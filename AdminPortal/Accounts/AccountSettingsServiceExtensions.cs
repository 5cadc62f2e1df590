namespace AdminPortal.Accounts;

public static class AccountSettingsServiceExtensions
{
    /// <summary>The self-service settings pages' services: theme, language and email.</summary>
    public static IServiceCollection AddAccountSettings(this IServiceCollection services)
    {
        services.AddScoped<PreferenceWriter>();
        services.AddScoped<ThemeService>();
        services.AddScoped<LanguageService>();
        services.AddScoped<AccountEmailService>();
        return services;
    }
}
