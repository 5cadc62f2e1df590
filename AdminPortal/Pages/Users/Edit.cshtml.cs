using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Users;

public class EditModel(AppDbContext db, UserAdministrationService users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>"No changes to apply": information, not an error (the form stays as it was submitted).</summary>
    public string? NoChanges { get; private set; }

    public AppUser Account { get; private set; } = null!;
    public bool IsOwnAccount { get; private set; }

    /// <summary>The account as it is now, shown after a stale edit so the admin can compare.</summary>
    public AppUser? Current { get; private set; }

    public class InputModel : AccountFieldsInput
    {
        [Display(Name = "Status")]
        public AccountStatus Status { get; set; }

        [StringLength(PasswordLengthValidator.MaxLength, MinimumLength = PasswordLengthValidator.MinLength,
            ErrorMessage = "The password must be {2}–{1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string? Password { get; set; }

        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(Password), ErrorMessage = "The password and its confirmation do not match.")]
        public string? ConfirmPassword { get; set; }

        [Display(Name = "Must change the password at next sign-in")]
        public bool MustChangePassword { get; set; } = true;

        /// <summary>The <see cref="AccountVersion"/> of the account this form was filled from.</summary>
        public string? Version { get; set; }
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
        Input = new InputModel
        {
            UserName = Account.UserName!,
            Email = Account.Email!,
            DisplayName = Account.DisplayName,
            Role = Account.Role,
            Status = Account.Status,
            Version = AccountVersion.Of(Account),
        };
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
        var result = await users.UpdateAsync(HttpContext.GetCurrentAccount()!, id, new AccountEdit(Input.UserName, Input.Email,
            Input.DisplayName, Input.Role, Input.Status, Input.Password, Input.MustChangePassword, Input.Version), cancellationToken);
        if (result.Refusal == UserRefusal.NotFound)
        {
            return NotFound();
        }
        if (result.Refusal == UserRefusal.NoChanges)
        {
            NoChanges = result.Message;
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddResultErrors(result);
            if (result.Refusal == UserRefusal.Stale)
            {
                // Show what the account holds now; a second submit is a deliberate choice to apply these values over it.
                Current = Account;
                ModelState.Remove("Input.Version");
                Input.Version = AccountVersion.Of(Account);
            }
            return Page();
        }
        StatusMessage = localizer["The account {0} was updated.", Input.UserName];
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (account is null)
        {
            return false;
        }
        Account = account;
        IsOwnAccount = HttpContext.GetCurrentAccount()?.Id == id;
        return true;
    }
}
