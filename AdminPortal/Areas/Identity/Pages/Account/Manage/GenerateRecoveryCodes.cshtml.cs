using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Sessions;
using AdminPortal.TwoFactor;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>New recovery codes after the current password; the old ones stop working and other sessions end.</summary>
public class GenerateRecoveryCodesModel(TwoFactorService twoFactor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PasswordConfirmation Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        (await twoFactor.StatusAsync(HttpContext.GetCurrentAccount()!)).Enabled ? Page() : RedirectToPage("./TwoFactorAuthentication");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await twoFactor.RenewRecoveryCodesAsync(HttpContext.GetCurrentAccount()!, Input.CurrentPassword, HttpContext.GetCurrentSessionId());
        switch (result.Refusal)
        {
            case TwoFactorRefusal.None:
                RecoveryCodes = [.. result.RecoveryCodes!];
                StatusMessage = localizer["New recovery codes were generated. Your other sessions were signed out."];
                return RedirectToPage("./ShowRecoveryCodes");
            case TwoFactorRefusal.WrongPassword:
                ModelState.AddModelError("Input.CurrentPassword", localizer["The current password is not correct."]);
                return Page();
            case TwoFactorRefusal.ChangedMeanwhile:
                ModelState.AddModelError("", localizer["Your account was changed meanwhile. Nothing was saved; try again."]);
                return Page();
            default:
                StatusMessage = localizer["Error: two-factor authentication is not on."];
                return RedirectToPage("./TwoFactorAuthentication");
        }
    }
}

/// <summary>The current password, asked before a change to the account's second factors.</summary>
public sealed class PasswordConfirmation
{
    [Required(ErrorMessage = "Enter your current password.")]
    [StringLength(PasswordLengthValidator.MaxLength, ErrorMessage = "The password must be at most {1} characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";
}
