using AdminPortal.Accounts;
using AdminPortal.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>"Your sessions": every open session of the signed-in account, each ended on its own or all but this one at once.</summary>
public class SessionsModel(SessionService sessions, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<SessionSummary> Sessions { get; private set; } = [];

    public async Task OnGetAsync() =>
        Sessions = await sessions.ListAsync(HttpContext.GetCurrentAccount()!.Id, HttpContext.GetCurrentSessionId(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostEndAsync([FromForm] string? sessionId)
    {
        var ended = !string.IsNullOrEmpty(sessionId)
            && await sessions.EndOwnAsync(HttpContext.GetCurrentAccount()!, sessionId, HttpContext.GetCurrentSessionId(), HttpContext.RequestAborted);
        StatusMessage = ended
            ? localizer["That session was signed out."]
            : localizer["Error: that session had already ended."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        var current = HttpContext.GetCurrentSessionId();
        var ended = current is null ? 0 : await sessions.EndOthersAsync(HttpContext.GetCurrentAccount()!, current, HttpContext.RequestAborted);
        StatusMessage = ended switch
        {
            0 => localizer["There were no other sessions to sign out."],
            1 => localizer["Signed out of 1 other session."],
            _ => localizer["Signed out of {0} other sessions.", ended],
        };
        return RedirectToPage();
    }
}
