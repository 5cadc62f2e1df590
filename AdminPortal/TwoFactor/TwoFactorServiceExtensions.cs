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
        services.AddScoped<PasskeyService>();
        // The relying party is the host users reach (AdminPortal:PublicOrigin), and only that origin may answer; with no
        // public origin configured, Identity uses the request's host and checks the answer's origin against the request's.
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<Invitations.InvitationOptions>>((passkeys, invitations) =>
        {
            if (Uri.TryCreate(invitations.Value.PublicOrigin, UriKind.Absolute, out var origin))
            {
                var expected = origin.GetLeftPart(UriPartial.Authority);
                passkeys.ServerDomain = origin.Host;
                passkeys.ValidateOrigin = context => ValueTask.FromResult(
                    !context.CrossOrigin && string.Equals(context.Origin, expected, StringComparison.OrdinalIgnoreCase));
            }
        });
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
