using AdminPortal.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ThemeChoice = AdminPortal.Data.Theme;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The theme settings page, and the target of the navigation bar's quick switch (which sends returnUrl, and asks
/// for JSON when its script applies the change without a reload).
/// </summary>
public class ThemeModel(ThemeService themes, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public ThemeChoice Current { get; private set; }

    public void OnGet() => Current = HttpContext.GetCurrentAccount()!.Theme;

    public async Task<IActionResult> OnPostAsync([FromForm] string? theme, [FromForm] string? returnUrl)
    {
        if (!ThemeService.TryParse(theme, out var chosen))
        {
            return BadRequest();
        }
        var account = HttpContext.GetCurrentAccount()!;
        await themes.SetAsync(account.Id, chosen, HttpContext.RequestAborted);

        if (Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true))
        {
            return new JsonResult(new { theme = chosen.ToString().ToLowerInvariant() });
        }
        StatusMessage = localizer["Theme set to {0}.", localizer[ThemeService.Label(chosen)]];
        return this.BackTo(returnUrl);
    }
}
