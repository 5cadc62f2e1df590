using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Pages;

public class IndexModel : PageModel
{
    public void OnGet() { }
}
