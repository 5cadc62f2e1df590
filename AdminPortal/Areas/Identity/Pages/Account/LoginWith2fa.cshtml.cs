using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account;

/// <summary>The two-factor step of sign-in: the code from the authenticator app, after the password.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountServiceExtensions.SignInRateLimit)]
public class LoginWith2faModel(SignInService signInService, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }
    public bool RememberMe { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
        [StringLength(12, ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
        [Display(Name = "Code from the app")]
        public string Code { get; set; } = "";

        [Display(Name = "Remember this browser for 30 days")]
        public bool RememberBrowser { get; set; }
    }

    public IActionResult OnGet(string? returnUrl, bool rememberMe)
    {
        ReturnUrl = returnUrl;
        RememberMe = rememberMe;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, bool rememberMe)
    {
        ReturnUrl = returnUrl;
        RememberMe = rememberMe;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var attempt = await signInService.SecondFactorAsync(SecondFactorKind.AuthenticatorCode, Input.Code, rememberMe, Input.RememberBrowser);
        var result = SecondFactorPages.Answer(this, attempt, returnUrl, localizer);
        Input.Code = "";
        return result;
    }
}

/// <summary>What both two-factor pages do with the sign-in service's answer.</summary>
internal static class SecondFactorPages
{
    public static IActionResult Answer(PageModel page, SignInAttempt attempt, string? returnUrl, IStringLocalizer localizer)
    {
        switch (attempt.Outcome)
        {
            case SignInOutcome.Succeeded when attempt.MustChangePassword:
                return page.RedirectToPage("./Manage/ChangePassword", new { returnUrl = LocalOrHome(page, returnUrl) });
            case SignInOutcome.Succeeded:
                return page.LocalRedirect(LocalOrHome(page, returnUrl));
            case SignInOutcome.SecondFactorExpired:
                page.TempData["StatusMessage"] = localizer["Error: your sign-in took too long. Enter your password again."].Value;
                return page.RedirectToPage("./Login", new { returnUrl });
            case SignInOutcome.LockedOut:
                page.ModelState.AddModelError("", localizer["Too many failed attempts. Sign-in to this account is paused for 15 minutes."]);
                break;
            case SignInOutcome.Disabled:
                page.ModelState.AddModelError("", localizer["This account is disabled. Ask an administrator to enable it."]);
                break;
            default:
                page.ModelState.AddModelError("Input.Code", localizer["That code is not correct."]);
                break;
        }
        return page.Page();
    }

    private static string LocalOrHome(PageModel page, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl) ? returnUrl : page.Url.Content("~/");
}
