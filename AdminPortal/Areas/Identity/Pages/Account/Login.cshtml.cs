using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Limits;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account;

[AllowAnonymous]
[SharedRateLimit(AccountServiceExtensions.SignInRateLimit)]
public class LoginModel(SignInService signInService, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your user name or email.")]
        [StringLength(100, ErrorMessage = "The user name or email must be at most {1} characters.")]
        [Display(Name = "User name or email")]
        public string Login { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var attempt = await signInService.SignInAsync(Input.Login, Input.Password, Input.RememberMe);
        switch (attempt.Outcome)
        {
            case SignInOutcome.Succeeded when attempt.MustChangePassword:
                return RedirectToPage("./Manage/ChangePassword", new { returnUrl = LocalOrHome(returnUrl) });
            case SignInOutcome.Succeeded:
                return LocalRedirect(LocalOrHome(returnUrl));
            case SignInOutcome.RequiresSecondFactor:
                return RedirectToPage("./LoginWith2fa", new { returnUrl, rememberMe = Input.RememberMe });
            case SignInOutcome.LockedOut:
                ModelState.AddModelError("", localizer["Too many failed attempts. Sign-in to this account is paused for 15 minutes."]);
                break;
            case SignInOutcome.AwaitingApproval:
                ModelState.AddModelError("", localizer["Your account request is waiting for an administrator's approval. You will be emailed when it is decided."]);
                break;
            case SignInOutcome.Disabled:
                ModelState.AddModelError("", localizer["This account is disabled. Ask an administrator to enable it."]);
                break;
            default:
                ModelState.AddModelError("", localizer["The user name, email or password is not correct."]);
                break;
        }
        return Page();
    }

    private string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/");
}
