using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.TwoFactor;

public static class TwoFactorServiceExtensions
{
    /// <summary>How long "remember this browser" spares the two-factor step (until then, or a new security stamp).</summary>
    public static readonly TimeSpan RememberBrowserFor = TimeSpan.FromDays(30);

    /// <summary>Second factors (issue 15): the policy, the service, and Identity's two-factor cookies named and hardened like the session's.</summary>
    public static IServiceCollection AddTwoFactor(this IServiceCollection services)
    {
        services.AddOptions<TwoFactorOptions>().BindConfiguration(TwoFactorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwoFactorOptions>, TwoFactorOptionsValidator>();
        services.AddScoped<TwoFactorService>();
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "AdminPortal.TwoFactor";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, options =>
        {
            options.Cookie.Name = "AdminPortal.TwoFactorRemembered";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = RememberBrowserFor;
            options.SlidingExpiration = false;
        });
        return services;
    }
}
