using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Pages;

/// <summary>Every error and status page (400, 403, 404, 429, 500) ends here: a friendly text, never a stack trace.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        Code = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        // When re-executed for a status code, keep that code; when reached after an exception, answer 500.
        if (HttpContext.Response.StatusCode < 400)
        {
            HttpContext.Response.StatusCode = Code;
        }
    }
}
