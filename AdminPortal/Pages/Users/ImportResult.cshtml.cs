using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Pages.Users;

/// <summary>What an import did, read from its audit entries (their batch id): the accounts created, and those refused when they were created.</summary>
public class ImportResultModel(AppDbContext db) : PageModel
{
    public const int Shown = 1000;

    public string Batch { get; private set; } = "";
    public int Skipped { get; private set; }
    public IReadOnlyList<(int? Id, string? UserName)> Created { get; private set; } = [];
    public IReadOnlyList<(string? UserName, string? Reason)> Refusals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string? batch, [FromQuery] int skipped, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(batch) || batch.Length > AuditEntry.BatchIdLength)
        {
            return NotFound();
        }
        Batch = batch;
        Skipped = Math.Max(0, skipped);
        var creations = db.AuditEntries.Where(e => e.BatchId == batch && e.Action == AuditActions.UserCreate).OrderBy(e => e.Id);
        Created = (await creations.Where(e => e.Succeeded).Take(Shown).Select(e => new { e.TargetId, e.TargetUserName }).ToListAsync(cancellationToken))
            .Select(e => (e.TargetId, e.TargetUserName)).ToList();
        Refusals = (await creations.Where(e => !e.Succeeded).Take(Shown).Select(e => new { e.TargetUserName, e.Reason }).ToListAsync(cancellationToken))
            .Select(e => (e.TargetUserName, e.Reason)).ToList();
        return Created.Count + Refusals.Count == 0 ? NotFound() : Page();
    }
}
