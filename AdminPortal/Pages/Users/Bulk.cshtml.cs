using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Users;

/// <summary>
/// A bulk action's confirmation (GET, naming how many accounts and the first few) and the one POST that does it. The
/// selection is either the accounts checked on the list (<c>ids</c>) or every account the list's search and filters match
/// (<c>all</c> with <c>q</c>, <c>role</c>, <c>status</c>), read again when the POST runs.
/// </summary>
public class BulkModel(UserDirectory directory, AppDbContext db, UserAdministrationService users, TimeProvider time,
    IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    public const int NamesShown = 5;

    [BindProperty(SupportsGet = true)]
    public string? Bulk { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<int> Ids { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public BulkAction Action { get; private set; }
    public int Count { get; private set; }
    public IReadOnlyList<string> FirstNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.Equals(Bulk, ExportAction, StringComparison.OrdinalIgnoreCase))
        {
            return await ExportAsync(cancellationToken);
        }
        if (await SelectionAsync(cancellationToken) is not { } selection)
        {
            return BackToList();
        }
        Count = selection.Count;
        FirstNames = await db.Users.Where(u => selection.Contains(u.Id)).OrderBy(u => u.UserName)
            .Select(u => u.UserName!).Take(NamesShown).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await SelectionAsync(cancellationToken) is not { } selection)
        {
            return BackToList();
        }
        var result = await users.BulkAsync(HttpContext.GetCurrentAccount()!, Action, selection, cancellationToken);
        return RedirectToPage("BulkResult", new { batch = result.BatchId, selected = selection.Count, bulk = Bulk });
    }

    /// <summary>"Export" reads and changes nothing, so it needs no confirmation: all matching is the list's own export.</summary>
    private async Task<IActionResult> ExportAsync(CancellationToken cancellationToken)
    {
        if (All)
        {
            return RedirectToPage("Index", "Export", new { q = Q, role = Role, status = Status });
        }
        var wanted = Ids.Distinct().Take(UserAdministrationService.BulkMaxAccounts).ToList();
        var selection = await db.Users.Where(u => wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (selection.Count == 0)
        {
            StatusMessage = localizer["Error: {0}", localizer["Select at least one account."]];
            return BackToList();
        }
        return new UserCsvResult(directory.Stream(selection), UserCsvResult.FileName(time), UserCsvResult.SelectedReason);
    }

    public const string ExportAction = "export";

    /// <summary>The accounts to act on, or null (with the reason in the flash message) when there is nothing valid to do.</summary>
    private async Task<List<int>?> SelectionAsync(CancellationToken cancellationToken)
    {
        if (Bulk is null || !Enum.TryParse<BulkAction>(Bulk, ignoreCase: true, out var action) || !Enum.IsDefined(action)
            || int.TryParse(Bulk, out _))
        {
            StatusMessage = localizer["Error: {0}", localizer["Choose an action for the selected accounts."]];
            return null;
        }
        Action = action;
        List<int> selection;
        if (All)
        {
            var query = UserListQuery.From(Q, Role, Status, null, null, null);
            if (query.SearchTooLong)
            {
                StatusMessage = localizer["Error: {0}", localizer["The search text must be at most {0} characters.", UserListQuery.MaxQueryLength]];
                return null;
            }
            selection = await directory.MatchingIdsAsync(query, UserAdministrationService.BulkMaxAccounts + 1, cancellationToken);
        }
        else
        {
            var wanted = Ids.Distinct().Take(UserAdministrationService.BulkMaxAccounts + 1).ToList();
            selection = await db.Users.Where(u => wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        }
        if (selection.Count == 0)
        {
            StatusMessage = localizer["Error: {0}", localizer["Select at least one account."]];
            return null;
        }
        if (selection.Count > UserAdministrationService.BulkMaxAccounts)
        {
            StatusMessage = localizer["Error: {0}", localizer["One action takes at most {0} accounts. Narrow the search or the filters.",
                UserAdministrationService.BulkMaxAccounts.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]];
            return null;
        }
        return selection;
    }

    private RedirectToPageResult BackToList() =>
        RedirectToPage("Index", new { q = Q, role = Role, status = Status });

    public string Question => (Action, Count) switch
    {
        (BulkAction.Disable, 1) => localizer["Disable this account? Its open sessions end at once."],
        (BulkAction.Disable, _) => localizer["Disable these {0} accounts? Their open sessions end at once.", Count],
        (BulkAction.Enable, 1) => localizer["Enable this account?"],
        (BulkAction.Enable, _) => localizer["Enable these {0} accounts?", Count],
        (BulkAction.Delete, 1) => localizer["Delete this account permanently? This cannot be undone."],
        (BulkAction.Delete, _) => localizer["Delete these {0} accounts permanently? This cannot be undone.", Count],
        (BulkAction.ApproveEmployee, 1) => localizer["Approve this account request as an employee? Its holder is emailed."],
        (BulkAction.ApproveEmployee, _) => localizer["Approve these {0} account requests as employees? Each holder is emailed.", Count],
        (BulkAction.ApproveVendor, 1) => localizer["Approve this account request as a vendor? Its holder is emailed."],
        (BulkAction.ApproveVendor, _) => localizer["Approve these {0} account requests as vendors? Each holder is emailed.", Count],
        (BulkAction.Reject, 1) => localizer["Reject this account request? The account is deleted and its holder emailed."],
        (BulkAction.Reject, _) => localizer["Reject these {0} account requests? The accounts are deleted and each holder emailed.", Count],
        (_, 1) => localizer["Send a new invitation to this account?"],
        _ => localizer["Send a new invitation to these {0} accounts?", Count],
    };

    public string ButtonText => Action switch
    {
        BulkAction.Disable => localizer["Disable"],
        BulkAction.Enable => localizer["Enable"],
        BulkAction.Delete => localizer["Delete permanently"],
        BulkAction.ApproveEmployee => localizer["Approve as employees"],
        BulkAction.ApproveVendor => localizer["Approve as vendors"],
        BulkAction.Reject => localizer["Reject"],
        _ => localizer["Resend invitation"],
    };
}
