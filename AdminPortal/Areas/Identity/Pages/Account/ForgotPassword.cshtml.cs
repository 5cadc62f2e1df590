using System.ComponentModel.DataAnnotations;
using AdminPortal.Data;
using AdminPortal.PasswordReset;
using AdminPortal.Limits;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account;

/// <summary>Step 1 of the reset wizard: the email. The same answer whether or not an account uses it.</summary>
[AllowAnonymous]
[SharedRateLimit(PasswordResetRateLimits.EmailStepPolicy)]
public class ForgotPasswordModel(
    PasswordResetService resetService,
    PasswordResetWizard wizard,
    PasswordResetRateLimits rateLimits,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [StringLength(AppUser.EmailMaxLength, ErrorMessage = "The email address must be at most {1} characters.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var limit = await rateLimits.TryAcquireAsync(ResetStep.Email, Input.Email, HttpContext.RequestAborted);
        if (!limit.Allowed)
        {
            return PasswordResetRateLimits.TooManyRequests(HttpContext, limit.RetryAfter);
        }
        if (await resetService.RequestCodeAsync(Input.Email, HttpContext.RequestAborted) == CodeRequestOutcome.EmailNotSent)
        {
            ModelState.AddModelError("", localizer["We could not send the email. Please try again in a few minutes."]);
            return Page();
        }
        wizard.Start(HttpContext, Input.Email.Trim());
        return RedirectToPage("./ForgotPasswordCode");
    }
}
