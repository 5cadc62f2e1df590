using System.Diagnostics.CodeAnalysis;
using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.Sessions;
using AdminPortal.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Users;

/// <summary>
/// One account, and the disable, enable and delete actions: each a POST behind a confirmation step that names the
/// account (<c>?confirm=disable|enable|delete</c>), so it works without JavaScript. A confirmation started from the user
/// list carries that list's address (<c>returnUrl</c>) through, so cancelling or confirming lands back on the list with its
/// search, filters and page; only a local address of the list itself is followed.
/// </summary>
public class DetailsModel(AppDbContext db, UserAdministrationService users, SessionService sessions, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    public static readonly IReadOnlyList<string> Confirmations = ["disable", "enable", "delete", "reset2fa", "reject"];

    [TempData]
    public string? StatusMessage { get; set; }

    public AppUser Account { get; private set; } = null!;
    public bool IsOwnAccount { get; private set; }
    public string? Confirm { get; private set; }
    public string? ReturnUrl { get; private set; }
    public IReadOnlyList<SessionSummary> Sessions { get; private set; } = [];

    /// <summary>How many passkeys the account has (a second factor each, beside the authenticator app).</summary>
    public int Passkeys { get; private set; }

    /// <summary>"Authenticator app", "2 passkeys", both, or "None".</summary>
    public string SecondFactorText(Microsoft.Extensions.Localization.IStringLocalizer localizer)
    {
        var factors = new List<string>();
        if (Account.TwoFactorEnabled)
        {
            factors.Add(localizer["Authenticator app"]);
        }
        if (Passkeys > 0)
        {
            factors.Add(Passkeys == 1 ? localizer["1 passkey"] : localizer["{0} passkeys", Passkeys]);
        }
        return factors.Count == 0 ? localizer["None"] : string.Join(", ", factors);
    }

    /// <summary>When the invitation link of an invited account expires (null: none is live).</summary>
    public DateTime? InvitationExpiresAt { get; private set; }

    /// <summary>Whether the page offers to end this account's sessions; the service decides again on POST (rule 13).</summary>
    public bool CanEndSessions => !Account.IsPrincipal && !IsOwnAccount;

    public async Task<IActionResult> OnGetAsync(int id, string? confirm, string? returnUrl, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }
        Account = account;
        IsOwnAccount = HttpContext.GetCurrentAccount()?.Id == id;
        Passkeys = await db.UserPasskeys.CountAsync(p => p.UserId == id, cancellationToken);
        Confirm = CanOffer(confirm) ? confirm : null;
        ReturnUrl = IsUserListUrl(returnUrl) ? returnUrl : null;
        Sessions = await sessions.ListAsync(id, currentSessionId: null, cancellationToken);
        InvitationExpiresAt = account.Status == AccountStatus.Invited ? await users.InvitationExpiryAsync(id, cancellationToken) : null;
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.DisableAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken), name => localizer["The account {0} was disabled.", name],
            toList: false, returnUrl);

    public Task<IActionResult> OnPostEnableAsync(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.EnableAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken), name => localizer["The account {0} was enabled.", name],
            toList: false, returnUrl);

    public Task<IActionResult> OnPostDeleteAsync(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.DeleteAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken), name => localizer["The account {0} was deleted.", name],
            toList: true, returnUrl);

    public Task<IActionResult> OnPostApproveAsync(int id, [FromForm] string? role, string? returnUrl, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.ApproveRequestAsync(HttpContext.GetCurrentAccount()!, id, role ?? "", cancellationToken),
            name => localizer["The account request {0} was approved and its holder emailed.", name], toList: false, returnUrl);

    public Task<IActionResult> OnPostRejectAsync(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.RejectRequestAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken),
            name => localizer["The account request {0} was rejected and its holder emailed.", name], toList: true, returnUrl);

    public Task<IActionResult> OnPostResendInvitationAsync(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.ResendInvitationAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken),
            name => localizer["A new invitation was emailed to {0}; the previous link no longer works.", name], toList: false, returnUrl);
    public Task<IActionResult> OnPostReset2faAsync(int id, string? returnUrl, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.ResetSecondFactorsAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken),
            name => localizer["The second factors of {0} were reset. Its sessions were signed out.", name], toList: false, returnUrl);

    public Task<IActionResult> OnPostEndSessionAsync(int id, [FromForm] string? sessionId, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.EndSessionAsync(HttpContext.GetCurrentAccount()!, id, sessionId ?? "", cancellationToken),
            name => localizer["A session of {0} was signed out.", name], toList: false, returnUrl: null, fragment: "sessions");

    public Task<IActionResult> OnPostEndAllSessionsAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => users.EndAllSessionsAsync(HttpContext.GetCurrentAccount()!, id, cancellationToken),
            name => localizer["Every session of {0} was signed out.", name], toList: false, returnUrl: null, fragment: "sessions");

    private async Task<IActionResult> ActAsync(int id, Func<Task<UserAdministrationResult>> action, Func<string, string> doneMessage, bool toList,
        string? returnUrl, string? fragment = null)
    {
        IActionResult? backToList = IsUserListUrl(returnUrl) ? LocalRedirect(returnUrl) : null;
        var userName = await db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleOrDefaultAsync();
        var result = await action();
        if (result.Refusal == UserRefusal.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            // Nothing to do is not a failure: "No changes to apply" is shown as information (Pages/Shared/_StatusMessage.cshtml).
            StatusMessage = result.Refusal == UserRefusal.NoChanges ? result.Message : localizer["Error: {0}", result.Message ?? ""];
            return backToList ?? RedirectToPage("Details", null, new { id }, fragment);
        }
        StatusMessage = doneMessage(userName ?? "");
        return backToList ?? (toList ? RedirectToPage("Index") : RedirectToPage("Details", null, new { id }, fragment));
    }

    /// <summary>A local address of the user list (<c>/Users</c> or <c>/Users/Index</c>, with any query string), nothing else.</summary>
    private bool IsUserListUrl([NotNullWhen(true)] string? url)
    {
        if (string.IsNullOrEmpty(url) || !Url.IsLocalUrl(url))
        {
            return false;
        }
        var path = url.Split('?', 2)[0];
        return path.Equals("/Users", StringComparison.OrdinalIgnoreCase) || path.Equals("/Users/Index", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Which actions the page offers; the service decides again on POST.</summary>
    public bool CanOffer(string? action) => action switch
    {
        "disable" => !Account.IsPrincipal && !IsOwnAccount && Account.Status is not (AccountStatus.Disabled or AccountStatus.Pending),
        "enable" => !Account.IsPrincipal && Account.Status == AccountStatus.Disabled,
        "delete" => !Account.IsPrincipal && !IsOwnAccount,
        "reject" => Account.Status == AccountStatus.Pending,
        "reset2fa" => !Account.IsPrincipal && !IsOwnAccount && (Account.TwoFactorEnabled || Passkeys > 0),
        _ => false,
    };
}
