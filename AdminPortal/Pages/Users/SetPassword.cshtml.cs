using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Users;

public class SetPasswordModel(AppDbContext db, UserAdministrationService users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public AppUser Account { get; private set; } = null!;

    public class InputModel
    {
        [Required(ErrorMessage = "Enter a password.")]
        [StringLength(PasswordLengthValidator.MaxLength, MinimumLength = PasswordLengthValidator.MinLength,
            ErrorMessage = "The password must be {2}–{1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again.")]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(Password), ErrorMessage = "The password and its confirmation do not match.")]
        public string ConfirmPassword { get; set; } = "";

        [Display(Name = "Must change the password at next sign-in")]
        public bool MustChangePassword { get; set; } = true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (Account.IsPrincipal)
        {
            StatusMessage = localizer["Error: the principal account is protected: it cannot be changed from the administration pages."];
            return RedirectToPage("Details", new { id });
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.SetPasswordAsync(HttpContext.GetCurrentAccount()!, id, Input.Password, Input.MustChangePassword, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddResultErrors(result);
            return Page();
        }
        StatusMessage = localizer["A new password was set for {0}; its sessions were ended.", Account.UserName!];
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Account = (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken))!;
        return Account is not null;
    }
}
