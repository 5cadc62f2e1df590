using AdminPortal.Data;
using AdminPortal.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Pages.Users;

/// <summary>
/// A bulk action's page: while it runs, how many of its accounts are judged (the page refreshes itself, with or without
/// JavaScript); once finished or interrupted, what it did, read from its audit entries (they share the batch id): done,
/// refused with reasons, unchanged.
/// </summary>
public class BulkResultModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int RefusalsShown = 200;

    /// <summary>Seconds between two looks at a running batch.</summary>
    public const int RefreshSeconds = 2;

    public string Batch { get; private set; } = "";
    public BulkBatchState State { get; private set; } = BulkBatchState.Finished;
    public int Selected { get; private set; }
    public int Processed { get; private set; }
    public int Done { get; private set; }
    public int RefusedCount { get; private set; }
    public IReadOnlyList<(string? UserName, string? Reason)> Refusals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string? batch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(batch) || batch.Length > AdminPortal.Audit.AuditEntry.BatchIdLength)
        {
            return NotFound();
        }
        Batch = batch;
        var row = await db.BulkBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batch, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }
        State = row.StateAt(time.GetUtcNow().UtcDateTime);
        Selected = row.Total;
        if (State == BulkBatchState.Running)
        {
            (Processed, Done, RefusedCount) = (row.Processed, row.Done, row.Refused);
            Response.Headers.CacheControl = "no-store";
            return Page();
        }
        // The audit entries are the truth: an interrupted batch may have committed more than its last progress row says.
        var entries = db.AuditEntries.Where(e => e.BatchId == batch);
        Done = await entries.CountAsync(e => e.Succeeded, cancellationToken);
        RefusedCount = await entries.CountAsync(e => !e.Succeeded, cancellationToken);
        Processed = Math.Max(row.Processed, Done + RefusedCount);
        Refusals = (await entries.Where(e => !e.Succeeded).OrderBy(e => e.Id).Take(RefusalsShown)
            .Select(e => new { e.TargetUserName, e.Reason }).ToListAsync(cancellationToken))
            .Select(e => (e.TargetUserName, e.Reason)).ToList();
        return Page();
    }
}
