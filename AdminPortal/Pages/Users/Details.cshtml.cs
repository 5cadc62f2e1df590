using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Users;

/// <summary>
/// One account, and the disable, enable and delete actions: each a POST behind a confirmation step that names the
/// account (<c>?confirm=disable|enable|delete</c>), so it works without JavaScript.
/// </summary>
public class DetailsModel(AppDbContext db, UserAdministrationService users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly IReadOnlyList<string> Confirmations = ["disable", "enable", "delete"];

    [TempData]
    public string? StatusMessage { get; set; }

    public AppUser Account { get; private set; } = null!;
    public bool IsOwnAccount { get; private set; }
    public string? Confirm { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? confirm, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }
        Account = account;
        IsOwnAccount = HttpContext.GetCurrentAccount()?.Id == id;
        Confirm = CanOffer(confirm) ? confirm : null;
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.DisableAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken), "The account {0} was disabled.", toList: false);

    public Task<IActionResult> OnPostEnableAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.EnableAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken), "The account {0} was enabled.", toList: false);

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.DeleteAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken), "The account {0} was deleted.", toList: true);

    private async Task<IActionResult> ActAsync(int id, Func<Task<UserAdministrationResult>> action, string doneMessage, bool toList)
    {
        var userName = await db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleOrDefaultAsync();
        var result = await action();
        if (result.Refusal == UserRefusal.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            StatusMessage = localizer["Error: {0}", result.Message ?? ""];
            return RedirectToPage("Details", new { id });
        }
        StatusMessage = localizer[doneMessage, userName ?? ""];
        return toList ? RedirectToPage("Index") : RedirectToPage("Details", new { id });
    }

    /// <summary>Which actions the page offers; the service decides again on POST.</summary>
    public bool CanOffer(string? action) => action switch
    {
        "disable" => !Account.IsPrincipal && !IsOwnAccount && Account.Status == AccountStatus.Active,
        "enable" => !Account.IsPrincipal && Account.Status == AccountStatus.Disabled,
        "delete" => !Account.IsPrincipal && !IsOwnAccount,
        _ => false,
    };
}
