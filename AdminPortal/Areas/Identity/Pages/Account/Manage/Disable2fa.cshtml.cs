using AdminPortal.Accounts;
using AdminPortal.Sessions;
using AdminPortal.TwoFactor;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>Turns the authenticator off after the current password; refused to an account that must keep a second factor.</summary>
public class Disable2faModel(TwoFactorService twoFactor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PasswordConfirmation Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        (await twoFactor.StatusAsync(HttpContext.GetCurrentAccount()!)).CanTurnOff ? Page() : RedirectToPage("./TwoFactorAuthentication");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await twoFactor.DisableAsync(HttpContext.GetCurrentAccount()!, Input.CurrentPassword, HttpContext.GetCurrentSessionId());
        switch (result.Refusal)
        {
            case TwoFactorRefusal.None:
                StatusMessage = localizer["Two-factor authentication is off. Your other sessions were signed out."];
                break;
            case TwoFactorRefusal.WrongPassword:
                ModelState.AddModelError("Input.CurrentPassword", localizer["The current password is not correct."]);
                return Page();
            case TwoFactorRefusal.LastFactor:
                StatusMessage = localizer["Error: your account must keep a second factor."];
                break;
            case TwoFactorRefusal.ChangedMeanwhile:
                ModelState.AddModelError("", localizer["Your account was changed meanwhile. Nothing was saved; try again."]);
                return Page();
            default:
                StatusMessage = localizer["Error: two-factor authentication is not on."];
                break;
        }
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
