using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Users;

public class CreateModel(UserAdministrationService users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public enum CreationMethod
    {
        Invite,
        Password,
    }

    public class InputModel : AccountFieldsInput
    {
        [Display(Name = "How the holder gets a password")]
        [Required(ErrorMessage = "Choose how the holder gets a password.")]
        public CreationMethod Method { get; set; } = CreationMethod.Invite;

        [StringLength(PasswordLengthValidator.MaxLength, MinimumLength = PasswordLengthValidator.MinLength,
            ErrorMessage = "The password must be {2}–{1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string? Password { get; set; }

        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare(nameof(Password), ErrorMessage = "The password and its confirmation do not match.")]
        public string? ConfirmPassword { get; set; }

        /// <summary>Ticked at first: a password an administrator typed is known to them (issue 14). Ignored for an invitation.</summary>
        [Display(Name = "Must change the password at next sign-in")]
        public bool MustChangePassword { get; set; } = true;
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var invite = Input.Method == CreationMethod.Invite;
        if (invite)
        {
            // The password fields are hidden behind the other choice: what they hold is not checked, nor used.
            ModelState.Remove("Input.Password");
            ModelState.Remove("Input.ConfirmPassword");
        }
        else if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", localizer["Enter a password."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.CreateAsync(HttpContext.GetCurrentAccount()!,
            new NewAccount(Input.UserName, Input.Email, Input.DisplayName, invite ? null : Input.Password, Input.Role)
            {
                MustChangePassword = Input.MustChangePassword, // the service ignores it for an invitation
            }, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddResultErrors(result);
            return Page();
        }
        StatusMessage = invite
            ? localizer["The account {0} was created and an invitation was emailed to {1}.", Input.UserName, Input.Email]
            : localizer["The account {0} was created.", Input.UserName];
        return RedirectToPage("Details", new { id = result.UserId });
    }
}
