using System.Diagnostics;
using AdminPortal.Accounts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Pages;

/// <summary>
/// Every error and status page (400, 403, 404, 405, 429, 500) ends here: a friendly text, never a stack trace. It shows
/// only what the status-code pages or the exception handler send it; opened directly (whatever its <c>code</c>) it is
/// a page that does not exist.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? RequestId { get; private set; }

    public enum Back
    {
        Home,
        ResetWizard,
        SignIn,
    }

    /// <summary>
    /// Where the page leads back to: the reset wizard's first step from its steps, sign-in for anyone not signed in (the
    /// home page would only send them there), else the home page.
    /// </summary>
    public Back WayBack { get; private set; }

    public void OnGet() => Show();

    public void OnPost() => Show();

    private void Show()
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            Code = StatusCodes.Status500InternalServerError;
        }
        else if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted)
        {
            Code = reExecuted.OriginalStatusCode;
            if (reExecuted.OriginalPath.StartsWith("/Identity/Account/ForgotPassword", StringComparison.OrdinalIgnoreCase))
            {
                WayBack = Back.ResetWizard;
                return;
            }
        }
        else
        {
            Code = StatusCodes.Status404NotFound;
            HttpContext.Response.StatusCode = Code;
        }
        WayBack = HttpContext.GetCurrentAccount() is null ? Back.SignIn : Back.Home;
    }
}
