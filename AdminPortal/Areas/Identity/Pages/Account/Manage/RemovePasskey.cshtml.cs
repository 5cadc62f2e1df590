using AdminPortal.Accounts;
using AdminPortal.Sessions;
using AdminPortal.TwoFactor;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>Removes one of the account's own passkeys after the current password, as turning the authenticator off does.</summary>
public class RemovePasskeyModel(PasskeyService passkeys, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PasswordConfirmation Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public PasskeySummary Passkey { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        if (await passkeys.FindAsync(HttpContext.GetCurrentAccount()!, id) is not { } passkey)
        {
            return NotFound();
        }
        Passkey = passkey;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id)
    {
        if (await passkeys.FindAsync(HttpContext.GetCurrentAccount()!, id) is not { } passkey)
        {
            return NotFound();
        }
        Passkey = passkey;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        switch (await passkeys.RemoveAsync(HttpContext.GetCurrentAccount()!, id, Input.CurrentPassword, HttpContext.GetCurrentSessionId()))
        {
            case PasskeyRefusal.None:
                StatusMessage = localizer["The passkey was removed. Your other sessions were signed out."];
                return RedirectToPage("./Passkeys");
            case PasskeyRefusal.NotFound:
                return NotFound();
            case PasskeyRefusal.WrongPassword:
                ModelState.AddModelError("Input.CurrentPassword", localizer["The current password is not correct."]);
                return Page();
            case PasskeyRefusal.LastFactor:
                StatusMessage = localizer["Error: your account must keep a second factor."];
                return RedirectToPage("./Passkeys");
            default:
                ModelState.AddModelError("", localizer["Your account was changed meanwhile. Nothing was saved; try again."]);
                return Page();
        }
    }
}
