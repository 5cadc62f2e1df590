using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.PasswordReset;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account;

/// <summary>Step 3 of the reset wizard: the new password, allowed by the grant from step 2.</summary>
[AllowAnonymous]
public class ForgotPasswordNewPasswordModel(
    PasswordResetService resetService,
    PasswordResetWizard wizard,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public class InputModel : NewPasswordInput;

    public async Task<IActionResult> OnGetAsync() =>
        await resetService.IsGrantValidAsync(wizard.Read(HttpContext)?.Grant, HttpContext.RequestAborted) ? Page() : BackToStart();

    public async Task<IActionResult> OnPostAsync()
    {
        var grant = wizard.Read(HttpContext)?.Grant;
        if (grant is null)
        {
            return BackToStart();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await resetService.ResetPasswordAsync(grant, Input.NewPassword, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case ResetOutcome.Succeeded:
                wizard.Clear(HttpContext);
                StatusMessage = localizer["Your password has been changed and every session of your account has ended. Sign in with your new password."];
                return RedirectToPage("./Login");
            case ResetOutcome.PasswordRejected:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError("Input.NewPassword", error.Description);
                }
                return Page();
            default:
                return BackToStart();
        }
    }

    /// <summary>No grant, or one expired or already used: the wizard starts again at step 1.</summary>
    private RedirectToPageResult BackToStart()
    {
        if (wizard.Read(HttpContext)?.Grant is not null)
        {
            StatusMessage = localizer["Error: this password reset has expired or was already used. Please start again."];
        }
        wizard.Clear(HttpContext);
        return RedirectToPage("./ForgotPassword");
    }
}
