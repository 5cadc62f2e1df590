using AdminPortal.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>The settings overview: who you are and where each of your settings is changed.</summary>
public class IndexModel(AccountEmailService emails) : PageModel
{
    public CurrentAccount Account { get; private set; } = null!;
    public string? Email { get; private set; }

    public async Task OnGetAsync()
    {
        Account = HttpContext.GetCurrentAccount()!;
        Email = await emails.CurrentEmailAsync(Account.Id, HttpContext.RequestAborted);
    }
}
