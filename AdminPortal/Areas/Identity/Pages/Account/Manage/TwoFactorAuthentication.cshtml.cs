using AdminPortal.Accounts;
using AdminPortal.TwoFactor;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>"Two-factor authentication": whether the authenticator app is on, the recovery codes left, and what can be done.</summary>
public class TwoFactorAuthenticationModel(TwoFactorService twoFactor) : PageModel
{
    public TwoFactorStatus Status { get; private set; } = new(false, 0, false);

    public async Task OnGetAsync() => Status = await twoFactor.StatusAsync(HttpContext.GetCurrentAccount()!);
}
