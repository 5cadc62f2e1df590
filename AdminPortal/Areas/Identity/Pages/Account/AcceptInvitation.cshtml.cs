using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account;

/// <summary>The emailed invitation link: its holder chooses a password (the reset wizard's last step), then signs in.</summary>
[AllowAnonymous]
public class AcceptInvitationModel(UserAdministrationService users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>False: the link is unknown, used, replaced or expired, and the page says so instead of showing the form.</summary>
    public bool LinkWorks { get; private set; }

    public class InputModel : NewPasswordInput
    {
        public string? Token { get; set; }
    }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? token)
    {
        LinkWorks = await users.IsInvitationUsableAsync(token, HttpContext.RequestAborted);
        Input = new InputModel { Token = LinkWorks ? token : null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        LinkWorks = true;
        if (!ModelState.IsValid)
        {
            LinkWorks = await users.IsInvitationUsableAsync(Input.Token, HttpContext.RequestAborted);
            return Page();
        }
        var result = await users.AcceptInvitationAsync(Input.Token, Input.NewPassword, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case AcceptOutcome.Succeeded:
                StatusMessage = localizer["Your password is set and your account is ready. Sign in with your user name {0} or your email.", result.UserName ?? ""];
                return RedirectToPage("./Login");
            case AcceptOutcome.PasswordRejected:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError("Input.NewPassword", error.Description);
                }
                return Page();
            default:
                LinkWorks = false;
                return Page();
        }
    }
}
