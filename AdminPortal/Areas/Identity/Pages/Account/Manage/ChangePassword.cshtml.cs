using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

public class ChangePasswordModel(AccountSelfService selfService, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public bool MustChange { get; private set; }
    public string? ReturnUrl { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(PasswordLengthValidator.MaxLength, MinimumLength = PasswordLengthValidator.MinLength,
            ErrorMessage = "The password must be {2}–{1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again.")]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(NewPassword), ErrorMessage = "The new password and its confirmation do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet(string? returnUrl) => Prepare(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        Prepare(returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var account = HttpContext.GetCurrentAccount()!;
        var result = await selfService.ChangePasswordAsync(account.Id, HttpContext.GetCurrentSessionId(), Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword";
                var text = error.Code == "PasswordMismatch" ? localizer["The current password is not correct."] : error.Description;
                ModelState.AddModelError(field, text);
            }
            return Page();
        }
        StatusMessage = localizer["Your password has been changed."];
        return !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage();
    }

    private void Prepare(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        MustChange = HttpContext.GetCurrentAccount()?.MustChangePassword == true;
    }
}
