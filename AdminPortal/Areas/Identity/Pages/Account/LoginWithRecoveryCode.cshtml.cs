using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account;

/// <summary>The two-factor step with one of the recovery codes instead of the app: each code works once.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountServiceExtensions.SignInRateLimit)]
public class LoginWithRecoveryCodeModel(SignInService signInService, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }
    public bool RememberMe { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter one of your recovery codes.")]
        [StringLength(32, ErrorMessage = "Enter one of your recovery codes.")]
        [Display(Name = "Recovery code")]
        public string Code { get; set; } = "";
    }

    public void OnGet(string? returnUrl, bool rememberMe)
    {
        ReturnUrl = returnUrl;
        RememberMe = rememberMe;
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, bool rememberMe)
    {
        ReturnUrl = returnUrl;
        RememberMe = rememberMe;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var attempt = await signInService.SecondFactorAsync(SecondFactorKind.RecoveryCode, Input.Code, rememberMe, rememberBrowser: false);
        var result = SecondFactorPages.Answer(this, attempt, returnUrl, localizer);
        Input.Code = "";
        return result;
    }
}
