using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

public class EmailModel(AccountEmailService emails, IStringLocalizer<SharedResource> localizer, ILogger<EmailModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string? CurrentEmail { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter an email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [PlainEmail]
        [StringLength(AppUser.EmailMaxLength, ErrorMessage = "The email must be at most {1} characters.")]
        [Display(Name = "New email")]
        public string NewEmail { get; set; } = "";
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var account = HttpContext.GetCurrentAccount()!;
        var result = await emails.ChangeEmailAsync(account.Id, Input.NewEmail);
        switch (result.Outcome)
        {
            case EmailChangeOutcome.Refused:
                ModelState.AddModelError("Input.NewEmail", result.Error!);
                logger.LogInformation("Email change refused for account {UserId}.", account.Id);
                return Page();
            case EmailChangeOutcome.NoChange:
                StatusMessage = localizer["No changes to apply."];
                break;
            default:
                StatusMessage = localizer["Your email has been changed."];
                break;
        }
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var account = HttpContext.GetCurrentAccount()!;
        CurrentEmail = await emails.CurrentEmailAsync(account.Id, HttpContext.RequestAborted);
    }
}
