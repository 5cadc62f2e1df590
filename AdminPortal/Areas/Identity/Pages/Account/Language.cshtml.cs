using AdminPortal.Accounts;
using AdminPortal.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account;

/// <summary>
/// Where every language choice is posted: the navigation bar's quick switch (also before sign-in) and the language
/// settings page. A signed-in account stores it; everyone gets the language cookie, so the sign-in page keeps
/// speaking it (before sign-in, and after sign-out).
/// </summary>
[AllowAnonymous]
public class LanguageSwitchModel(LanguageService languages, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public IActionResult OnGet() => HttpContext.GetCurrentAccount() is null
        ? RedirectToPage("./Login")
        : RedirectToPage("./Manage/Language");

    public async Task<IActionResult> OnPostAsync([FromForm] string? language, [FromForm] string? returnUrl)
    {
        if (!AppLanguages.TryParse(language, out var chosen))
        {
            return BadRequest();
        }
        if (HttpContext.GetCurrentAccount() is { } account)
        {
            await languages.SetAsync(account.Id, chosen, HttpContext.RequestAborted);
            // The message is shown by the next page, which speaks the new language.
            using (AppLanguages.Use(chosen))
            {
                StatusMessage = localizer["Language set to {0}.", AppLanguages.NativeName(chosen)];
            }
        }
        LanguageCookie.Append(Response, chosen);
        return this.BackTo(returnUrl, HttpContext.GetCurrentAccount() is null ? "./Login" : "./Manage/Language");
    }
}
