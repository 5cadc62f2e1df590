using AdminPortal.Accounts;
using Microsoft.AspNetCore.Localization;

namespace AdminPortal.Localization;

/// <summary>
/// The signed-in account's stored language, ahead of the language cookie and the browser's Accept-Language. The
/// account is read by the session check of the authentication middleware, so localization runs after it.
/// </summary>
public sealed class AccountLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult(httpContext.GetCurrentAccount() is { } account
            ? new ProviderCultureResult(account.Language)
            : null);
}

/// <summary>The visitor's pick before sign-in (and the last one made while signed in), in a cookie.</summary>
public static class LanguageCookie
{
    public const string Name = "AdminPortal.Language";

    public static void Append(HttpResponse response, string language) =>
        response.Cookies.Append(Name, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
        });
}
