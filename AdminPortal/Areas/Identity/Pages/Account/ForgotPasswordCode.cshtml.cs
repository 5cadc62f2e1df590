using System.ComponentModel.DataAnnotations;
using AdminPortal.PasswordReset;
using AdminPortal.Limits;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AdminPortal.Areas.Identity.Pages.Account;

/// <summary>Step 2 of the reset wizard: the emailed code, exchanged for a grant; or "send a new code".</summary>
[AllowAnonymous]
[SharedRateLimit(PasswordResetRateLimits.CodeStepPolicy)]
public class ForgotPasswordCodeModel(
    PasswordResetService resetService,
    PasswordResetWizard wizard,
    PasswordResetRateLimits rateLimits,
    IOptions<PasswordResetOptions> options,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string Email { get; private set; } = "";
    public int CodeLifetimeMinutes => (int)Math.Ceiling(options.Value.CodeLifetime.TotalMinutes);
    public int ResendWaitSeconds { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code from the email.")]
        [RegularExpression("^[0-9]{6}$", ErrorMessage = "The code is 6 digits.")]
        [Display(Name = "Code")]
        public string Code { get; set; } = "";
    }

    public IActionResult OnGet() => Show(wizard.Read(HttpContext)) ?? (IActionResult)Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var state = wizard.Read(HttpContext);
        if (Show(state) is { } backToStart)
        {
            return backToStart;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var limit = await rateLimits.TryAcquireAsync(ResetStep.Code, state!.Email, HttpContext.RequestAborted);
        if (!limit.Allowed)
        {
            return PasswordResetRateLimits.TooManyRequests(HttpContext, limit.RetryAfter);
        }
        var grant = await resetService.VerifyCodeAsync(state.Email, Input.Code, HttpContext.RequestAborted);
        if (grant is null)
        {
            ModelState.Remove("Input.Code"); // a wrong code is not shown again
            Input.Code = "";
            ModelState.AddModelError("Input.Code", localizer["Invalid or expired code. Check the latest email, or ask for a new code."]);
            return Page();
        }
        wizard.Write(HttpContext, state with { Grant = grant });
        return RedirectToPage("./ForgotPasswordNewPassword");
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        ModelState.Clear(); // this form has no code field
        var state = wizard.Read(HttpContext);
        if (Show(state) is { } backToStart)
        {
            return backToStart;
        }
        if (ResendWaitSeconds > 0)
        {
            ModelState.AddModelError("", localizer["You can ask for a new code in {0} seconds.", ResendWaitSeconds]);
            return Page();
        }
        var limit = await rateLimits.TryAcquireAsync(ResetStep.Email, state!.Email, HttpContext.RequestAborted);
        if (!limit.Allowed)
        {
            return PasswordResetRateLimits.TooManyRequests(HttpContext, limit.RetryAfter);
        }
        if (await resetService.RequestCodeAsync(state.Email, HttpContext.RequestAborted) == CodeRequestOutcome.EmailNotSent)
        {
            ModelState.AddModelError("", localizer["We could not send the email. Please try again in a few minutes."]);
            return Page();
        }
        wizard.Write(HttpContext, state with { CodeSentAt = time.GetUtcNow(), Grant = null });
        StatusMessage = localizer["A new code is on its way. Only the newest code works."];
        return RedirectToPage();
    }

    /// <summary>Without a wizard state (step 1 skipped, expired or tampered with) the wizard starts again.</summary>
    private RedirectToPageResult? Show(PasswordResetWizardState? state)
    {
        if (state is null)
        {
            return RedirectToPage("./ForgotPassword");
        }
        Email = state.Email;
        var wait = state.CodeSentAt + PasswordResetOptions.ResendCooldown - time.GetUtcNow();
        ResendWaitSeconds = wait > TimeSpan.Zero ? (int)Math.Ceiling(wait.TotalSeconds) : 0;
        return null;
    }
}
