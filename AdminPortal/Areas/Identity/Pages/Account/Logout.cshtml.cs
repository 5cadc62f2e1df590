using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account;

/// <summary>Sign-out is a POST with an antiforgery token; GET only offers the button.</summary>
[AllowAnonymous]
public class LogoutModel(SignInManager<AppUser> signInManager, AuditLog audit, IStringLocalizer<SharedResource> localizer, ILogger<LogoutModel> logger) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = HttpContext.GetCurrentAccount();
        if (account is not null)
        {
            await audit.RecordAsync(AuditActions.SignOut, account.Id, account.UserName);
        }
        await signInManager.SignOutAsync();
        logger.LogInformation("Account {UserId} signed out.", account?.Id);
        StatusMessage = localizer["You have been signed out."];
        return RedirectToPage("./Login");
    }
}
