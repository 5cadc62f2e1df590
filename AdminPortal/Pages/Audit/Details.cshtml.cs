using AdminPortal.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Pages.Audit;

public class DetailsModel(AuditQueries queries) : PageModel
{
    public AuditEntry Entry { get; private set; } = null!;

    public IReadOnlyDictionary<string, FieldChange> Changes { get; private set; } = new Dictionary<string, FieldChange>();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } entry)
        {
            return NotFound();
        }
        Entry = entry;
        Changes = AuditQueries.ChangesOf(entry);
        return Page();
    }
}
