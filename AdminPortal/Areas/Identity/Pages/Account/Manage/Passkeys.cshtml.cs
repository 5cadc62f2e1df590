using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.TwoFactor;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>"Passkeys": the account's passkeys with their dates, and adding one (the browser's ceremony, run by passkey.js).</summary>
public class PasskeysModel(PasskeyService passkeys, TwoFactorService twoFactor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<PasskeySummary> Passkeys { get; private set; } = [];

    public bool Required { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter a name for the passkey.")]
        [StringLength(PasskeyService.NameMaxLength, ErrorMessage = "The name must be at most {1} characters.")]
        [Display(Name = "Passkey name")]
        public string Name { get; set; } = "";

        /// <summary>The browser's answer to the creation options, filled in by passkey.js.</summary>
        public string? CredentialJson { get; set; }
    }

    public Task OnGetAsync() => LoadAsync();

    /// <summary>The creation options for navigator.credentials.create(), asked by passkey.js.</summary>
    public async Task<IActionResult> OnPostOptionsAsync() =>
        Content(await passkeys.CreationOptionsAsync(HttpContext.GetCurrentAccount()!), "application/json");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        switch (await passkeys.AddAsync(HttpContext.GetCurrentAccount()!, Input.Name, Input.CredentialJson))
        {
            case PasskeyRefusal.None:
                StatusMessage = localizer["The passkey was added."];
                return RedirectToPage();
            case PasskeyRefusal.InvalidName:
                ModelState.AddModelError("Input.Name", localizer["The name must be plain text of at most {0} characters.", PasskeyService.NameMaxLength]);
                break;
            case PasskeyRefusal.TooMany:
                ModelState.AddModelError("", localizer["Your account has the most passkeys allowed ({0}). Remove one first.", PasskeyService.MaxPerAccount]);
                break;
            default:
                ModelState.AddModelError("", localizer["The passkey could not be added. Try again, and allow the browser to create it."]);
                break;
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var account = HttpContext.GetCurrentAccount()!;
        Passkeys = await passkeys.ListAsync(account);
        Required = HttpContext.MustSetUpSecondFactor() || (twoFactor.IsRequiredFor(account.Role) && Passkeys.Count == 0);
    }
}
