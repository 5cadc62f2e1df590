using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Accounts;

public static class PreferencePages
{
    /// <summary>
    /// After a quick switch (theme, language) the user goes back to the page they were on, when it is a local
    /// address; anything else (another site) is ignored and the settings page itself is shown.
    /// </summary>
    public static IActionResult BackTo(this PageModel page, string? returnUrl, string? fallbackPage = null) =>
        !string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl)
            ? page.LocalRedirect(returnUrl)
            : page.RedirectToPage(fallbackPage);
}
