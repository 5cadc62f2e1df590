using AdminPortal.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>The language settings page; its form posts to the language switch (<c>/Identity/Account/Language</c>).</summary>
public class LanguageModel : PageModel
{
    public string Current { get; private set; } = "";

    public void OnGet() => Current = HttpContext.GetCurrentAccount()!.Language;
}
