using System.ComponentModel.DataAnnotations;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Audit;

/// <summary>The audit log, newest first, filtered by query string; read-only (the log is append-only).</summary>
public class IndexModel(AuditQueries queries, TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [StringLength(AppUser.UserNameMaxLength, ErrorMessage = "The user name must be at most {1} characters.")]
    [Display(Name = "Actor")]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Action")]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(AppUser.UserNameMaxLength, ErrorMessage = "The user name must be at most {1} characters.")]
    [Display(Name = "Target account")]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    [DataType(DataType.Date)]
    [Display(Name = "From (UTC)")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    [DataType(DataType.Date)]
    [Display(Name = "To (UTC)")]
    public DateOnly? To { get; set; }

    /// <summary>The entries of one bulk action (<see cref="AuditEntry.BatchId"/>).</summary>
    [BindProperty(SupportsGet = true)]
    [StringLength(AuditEntry.BatchIdLength, ErrorMessage = "The batch id must be at most {1} characters.")]
    [Display(Name = "Batch")]
    public string? Batch { get; set; }

    /// <summary>From ?page= (read by hand: Razor Pages keeps a "page" route value of its own).</summary>
    public int PageNumber => int.TryParse(Request.Query["page"], out var page) ? page : 1;

    public PagedList<AuditEntry>? Entries { get; private set; }

    public IReadOnlyDictionary<string, string?> Query => new Dictionary<string, string?>
    {
        ["actor"] = Actor,
        ["action"] = Action,
        ["target"] = Target,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["batch"] = Batch,
    };

    public string ExportUrl => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Audit",
        Query.Where(p => !string.IsNullOrEmpty(p.Value)).Prepend(new KeyValuePair<string, string?>("handler", "Export")));

    public string PageUrl(int page) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Audit",
        Query.Where(p => !string.IsNullOrEmpty(p.Value)).Append(new KeyValuePair<string, string?>("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Validate() is { } filter)
        {
            Entries = await queries.PageAsync(filter, PageNumber, cancellationToken);
        }
        return Page();
    }

    /// <summary>Every entry matching the current filters (not only this page), streamed as CSV.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (Validate() is not { } filter)
        {
            return Page();
        }
        var fileName = $"audit-{time.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}.csv";
        return new AuditCsvResult(await queries.StreamAsync(filter, cancellationToken), fileName,
            [.. AuditCsv.Header.Select(column => localizer[column].Value)]);
    }

    private AuditFilter? Validate()
    {
        if (!string.IsNullOrEmpty(Action) && !AuditActions.All.Contains(Action))
        {
            ModelState.AddModelError(nameof(Action), localizer["Choose an action from the list."]);
        }
        if (From is { } from && To is { } to && from > to)
        {
            ModelState.AddModelError(nameof(To), localizer["The end date must not be before the start date."]);
        }
        return ModelState.IsValid ? new AuditFilter(Actor, Action, Target, From, To, Batch) : null;
    }
}
