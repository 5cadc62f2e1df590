using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AdminPortal.Localization;

public static class LocalizationServiceExtensions
{
    /// <summary>
    /// English and Spanish: the account's stored language first, then the language cookie, then the browser's
    /// Accept-Language, then <c>AdminPortal:DefaultLanguage</c>. Identity's own messages and model binding's
    /// messages go through the same resources.
    /// </summary>
    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, CachingStringLocalizerFactory>());
        services.AddSingleton<IValidateOptions<LanguageOptions>, LanguageOptionsValidator>();
        services.AddOptions<LanguageOptions>().BindConfiguration(LanguageOptions.Section).ValidateOnStart();
        services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<LanguageOptions>>((options, language) =>
        {
            AppLanguages.TryParse(language.Value.DefaultLanguage, out var fallback);
            options.DefaultRequestCulture = new RequestCulture(fallback);
            options.SupportedCultures = AppLanguages.Cultures;
            options.SupportedUICultures = AppLanguages.Cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new AccountLanguageCultureProvider(),
                new CookieRequestCultureProvider { CookieName = LanguageCookie.Name },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        services.AddScoped<IdentityErrorDescriber, LocalizedIdentityErrorDescriber>();
        // PostConfigure: after MVC's own set-up, so the implicit [Required] already exists when the provider runs.
        services.AddOptions<MvcOptions>().PostConfigure<IStringLocalizer<SharedResource>>((options, localizer) =>
        {
            ModelBindingMessages.Localize(options.ModelBindingMessageProvider, localizer);
            options.ModelMetadataDetailsProviders.Add(new DefaultValidationMessageProvider());
        });
        return services;
    }
}
