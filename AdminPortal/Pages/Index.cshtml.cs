using AdminPortal.Accounts;
using AdminPortal.Home;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Pages;

/// <summary>Home: the accounts at a glance for administrators, one's own account and notifications for everyone.</summary>
public class IndexModel(Dashboard dashboard) : PageModel
{
    public AdminDashboard? Admin { get; private set; }
    public PersonalDashboard? Personal { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var account = HttpContext.GetCurrentAccount()!;
        if (account.ManagesUsers)
        {
            Admin = await dashboard.ForAdministratorAsync(cancellationToken);
            return;
        }
        Personal = await dashboard.ForAccountAsync(account.Id, cancellationToken);
    }
}
