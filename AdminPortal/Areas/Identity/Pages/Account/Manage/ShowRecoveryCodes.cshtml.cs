using AdminPortal.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The new recovery codes, shown once: they travel here in TempData, which is read once, and only their hashes are stored.
/// The download is a data: link built in the page, so the codes make no second trip to the server.
/// </summary>
public class ShowRecoveryCodesModel : PageModel
{
    [TempData]
    public string[]? RecoveryCodes { get; set; }

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public string DownloadHref { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (RecoveryCodes is not { Length: > 0 } codes)
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }
        Codes = codes;
        var text = $"AdminPortal recovery codes ({HttpContext.GetCurrentAccount()?.UserName})\r\n\r\n" + string.Join("\r\n", codes) + "\r\n";
        DownloadHref = "data:text/plain;charset=utf-8," + Uri.EscapeDataString(text);
        return Page();
    }
}
