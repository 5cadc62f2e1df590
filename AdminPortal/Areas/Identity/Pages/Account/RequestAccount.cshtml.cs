using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.Limits;
using AdminPortal.PasswordReset;
using AdminPortal.SignUp;
using AdminPortal.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AdminPortal.Areas.Identity.Pages.Account;

/// <summary>
/// "Request an account" (<c>AdminPortal:SelfRegistration</c> = <c>RequiresApproval</c>; 404 when <c>Off</c>). The answer is
/// the same whether or not the user name or email is taken: a redirect to the "received" view of this page.
/// </summary>
[AllowAnonymous]
[SharedRateLimit(SignUpRateLimits.Policy)]
public class RequestAccountModel(UserAdministrationService users, SignUpRateLimits rateLimits, IOptions<SelfRegistrationOptions> options)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The request was received: the page says an administrator will review it instead of showing the form.</summary>
    public bool Sent { get; private set; }

    public class InputModel : NewPasswordInput
    {
        [Required(ErrorMessage = "Enter a user name.")]
        [StringLength(AppUser.UserNameMaxLength, MinimumLength = AppUser.UserNameMinLength, ErrorMessage = "The user name must be 3–30 characters.")]
        [RegularExpression(AppUser.UserNamePattern, ErrorMessage = "Use only letters, digits, dots, underscores and hyphens.")]
        [Display(Name = "User name")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter an email address.")]
        [StringLength(AppUser.EmailMaxLength, ErrorMessage = "The email must be at most 100 characters.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [PlainEmail]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter a display name.")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "The display name must be at most 120 characters.")]
        [PlainText]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";
    }

    public IActionResult OnGet([FromQuery] bool sent)
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }
        Sent = sent;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var limit = await rateLimits.TryAcquireAsync(Input.Email, HttpContext.RequestAborted);
        if (!limit.Allowed)
        {
            return PasswordResetRateLimits.TooManyRequests(HttpContext, limit.RetryAfter);
        }
        var result = await users.RequestAccountAsync(
            new AccountRequest(Input.UserName.Trim(), Input.Email.Trim(), Input.DisplayName.Trim(), Input.NewPassword), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var error in result.FieldErrors)
            {
                ModelState.AddModelError(error.Field == UserFields.Password ? "Input.NewPassword" : $"Input.{error.Field}", error.Message);
            }
            if (result.Message is { } message)
            {
                ModelState.AddModelError("", message);
            }
            return Page();
        }
        return RedirectToPage("./RequestAccount", new { sent = true });
    }
}
