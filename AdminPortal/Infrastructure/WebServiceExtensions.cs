using AdminPortal.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using AdminPortal.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using AdminPortal.Data;

namespace AdminPortal.Infrastructure;

public static class WebServiceExtensions
{
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddAppLocalization();
        services.AddRazorPages(options =>
            {
                options.Conventions.Add(new IdentityUiPageConvention());
                options.Conventions.AllowAnonymousToPage("/Error");
            })
            .AddMvcOptions(options => options.Filters.Add<HandlerSelectionFilter>())
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddBindingFailuresAsFieldErrors();
        services.AddRazorComponents();
        services.AddDataProtection()
            .SetApplicationName("AdminPortal")
            .PersistKeysToDbContext<AppDbContext>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "AdminPortal.Antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // The status messages after post/redirect/get: Secure whenever the request came over HTTPS (the default is never).
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        return services;
    }
}
