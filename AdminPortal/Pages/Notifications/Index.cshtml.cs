using AdminPortal.Accounts;
using AdminPortal.Infrastructure;
using AdminPortal.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Notifications;

/// <summary>The signed-in user's own notifications; marking read is a POST, another user's notification is a 404.</summary>
public class IndexModel(NotificationInbox inbox, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>From ?page= (read by hand: Razor Pages keeps a "page" route value of its own).</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], out var page) ? page : 1;

    [TempData]
    public string? StatusMessage { get; set; }

    public PagedList<Notification> Notifications { get; private set; } = null!;

    public int UnreadCount { get; private set; }

    public static string PageUrl(int page) => page > 1 ? $"/Notifications?page={page}" : "/Notifications";

    public string TextOf(Notification notification) => inbox.TextOf(notification);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var account = HttpContext.GetCurrentAccount()!;
        Notifications = await inbox.PageAsync(account.Id, PageNumber, cancellationToken);
        UnreadCount = account.UnreadNotifications; // read with the session (DatabaseTicketStore)
    }

    public async Task<IActionResult> OnPostMarkReadAsync(long id, CancellationToken cancellationToken)
    {
        var account = HttpContext.GetCurrentAccount()!;
        if (!await inbox.MarkReadAsync(account.Id, account.UserName, id, cancellationToken))
        {
            return NotFound();
        }
        StatusMessage = localizer["Notification marked as read."];
        return LocalRedirect(PageUrl(PageNumber));
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync(CancellationToken cancellationToken)
    {
        var account = HttpContext.GetCurrentAccount()!;
        var count = await inbox.MarkAllReadAsync(account.Id, account.UserName, cancellationToken);
        StatusMessage = count == 0 ? localizer["There were no unread notifications."] : localizer["All notifications marked as read."];
        return RedirectToPage();
    }
}
