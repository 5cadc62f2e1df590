using AdminPortal.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Pages.Users;

/// <summary>What a bulk action did, read from its audit entries (they share the batch id): done, refused with reasons, unchanged.</summary>
public class BulkResultModel(AppDbContext db) : PageModel
{
    public const int RefusalsShown = 200;

    public string Batch { get; private set; } = "";
    public int Selected { get; private set; }
    public int Done { get; private set; }
    public int RefusedCount { get; private set; }
    public IReadOnlyList<(string? UserName, string? Reason)> Refusals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string? batch, [FromQuery] int selected, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(batch) || batch.Length > AdminPortal.Audit.AuditEntry.BatchIdLength)
        {
            return NotFound();
        }
        Batch = batch;
        var entries = db.AuditEntries.Where(e => e.BatchId == batch);
        Done = await entries.CountAsync(e => e.Succeeded, cancellationToken);
        RefusedCount = await entries.CountAsync(e => !e.Succeeded, cancellationToken);
        if (Done + RefusedCount == 0)
        {
            return NotFound();
        }
        Selected = Math.Max(selected, Done + RefusedCount);
        Refusals = (await entries.Where(e => !e.Succeeded).OrderBy(e => e.Id).Take(RefusalsShown)
            .Select(e => new { e.TargetUserName, e.Reason }).ToListAsync(cancellationToken))
            .Select(e => (e.TargetUserName, e.Reason)).ToList();
        return Page();
    }
}
