using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.TwoFactor;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>Renames one of the account's own passkeys; another account's passkey is a 404.</summary>
public class RenamePasskeyModel(PasskeyService passkeys, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public PasskeySummary Passkey { get; private set; } = null!;

    public class InputModel
    {
        [Required(ErrorMessage = "Enter a name for the passkey.")]
        [StringLength(PasskeyService.NameMaxLength, ErrorMessage = "The name must be at most {1} characters.")]
        [Display(Name = "Passkey name")]
        public string Name { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        if (await passkeys.FindAsync(HttpContext.GetCurrentAccount()!, id) is not { } passkey)
        {
            return NotFound();
        }
        Passkey = passkey;
        Input.Name = passkey.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id)
    {
        if (await passkeys.FindAsync(HttpContext.GetCurrentAccount()!, id) is not { } passkey)
        {
            return NotFound();
        }
        Passkey = passkey;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        switch (await passkeys.RenameAsync(HttpContext.GetCurrentAccount()!, id, Input.Name))
        {
            case PasskeyRefusal.None:
                StatusMessage = localizer["The passkey was renamed."];
                return RedirectToPage("./Passkeys");
            case PasskeyRefusal.NotFound:
                return NotFound();
            case PasskeyRefusal.InvalidName:
                ModelState.AddModelError("Input.Name", localizer["The name must be plain text of at most {0} characters.", PasskeyService.NameMaxLength]);
                return Page();
            default:
                ModelState.AddModelError("", localizer["Your account was changed meanwhile. Nothing was saved; try again."]);
                return Page();
        }
    }
}
