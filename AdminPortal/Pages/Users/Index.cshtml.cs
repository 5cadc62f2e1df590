using AdminPortal.Accounts;
using AdminPortal.Infrastructure;
using AdminPortal.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Users;

/// <summary>The user list: everything (search, filters, sort, page, size) lives in the query string.</summary>
public partial class IndexModel(UserDirectory directory, TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public UserListQuery Query { get; private set; } = UserListQuery.From(null, null, null, null, null, null);
    public PagedList<UserRow> Users { get; private set; } = new([], 1, UserListQuery.DefaultSize, 0);
    public int? CurrentAccountId { get; private set; }

    /// <summary>Why the search was not run; the list is then not shown, so nothing reads as the result of a search it was not.</summary>
    public string? SearchError { get; private set; }

    // "page" is also Razor Pages' own route value (the page's name), so the query string is read and written explicitly.
    public async Task OnGetAsync([FromQuery] string? q, [FromQuery] string? role, [FromQuery] string? status, [FromQuery] string? sort,
        [FromQuery(Name = "page")] string? page, [FromQuery] string? size, [FromQuery] string? twofactor, [FromQuery] string? show,
        CancellationToken cancellationToken)
    {
        Query = UserListQuery.From(q, role, status, sort, page, size, twofactor, show);
        CurrentAccountId = HttpContext.GetCurrentAccount()?.Id;
        if (Query.SearchTooLong)
        {
            SearchError = localizer["The search text must be at most {0} characters.", UserListQuery.MaxQueryLength];
            return;
        }
        Users = await directory.ListAsync(Query, cancellationToken);
    }

    /// <summary>
    /// "Export": every account the search and filters match (not only this page) as a CSV download, streamed from the
    /// database; audited with the count and the filters.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync([FromQuery] string? q, [FromQuery] string? role, [FromQuery] string? status,
        [FromQuery] string? sort, [FromQuery] string? twofactor, [FromQuery] string? show, CancellationToken cancellationToken)
    {
        var query = UserListQuery.From(q, role, status, sort, null, null, twofactor, show);
        if (query.SearchTooLong)
        {
            await OnGetAsync(q, role, status, sort, null, null, twofactor, show, cancellationToken);
            return Page();
        }
        return new UserCsvResult(await directory.StreamAsync(query, cancellationToken), UserCsvResult.FileName(time), UserCsvResult.ListReason(query));
    }

    /// <summary>The export of this list: its search, filters and sort, every page.</summary>
    public string ExportUrl => QueryHelpers.AddQueryString(IndexUrl,
        Query.RouteValues().Where(v => v.Value is not null && v.Key is not ("page" or "size")).Prepend(new("handler", "Export")));

    /// <summary>This list as it is now (search, filters, sort, page and size): where a disable or enable started here returns.</summary>
    public string CurrentListUrl => currentListUrl ??= ListUrl(Query.RouteValues());
    private string? currentListUrl;

    // A row's links are made here rather than by the anchor tag helper, which cost a tag helper context and output per
    // link, and from the two pages' paths generated once rather than by the link generator on every row, where they were
    // a quarter of what a list page allocated; the addresses are the same.
    public string DetailsUrl(int id, string? fragment = null) =>
        fragment is null ? DetailsPath(id) : $"{DetailsPath(id)}#{fragment}";

    public string EditUrl(int id) => $"{editPath ??= PagePath("Edit")}/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The details page asking to confirm a disable or an enable, returning to this list afterwards.</summary>
    public string ConfirmUrl(int id, string confirm) =>
        $"{DetailsPath(id)}?confirm={confirm}&{returnToList ??= "returnUrl=" + UrlEncoder.Default.Encode(CurrentListUrl)}#confirm";

    private string DetailsPath(int id) => $"{detailsPath ??= PagePath("Details")}/{id.ToString(CultureInfo.InvariantCulture)}";

    // A page's path before its "{id:int}" segment, as the link generator makes it (with the app's path base).
    private string PagePath(string page)
    {
        var withId = Url.Page(page, new { id = 1 })!;
        return withId[..withId.LastIndexOf('/')];
    }

    private string? detailsPath, editPath, returnToList;

    public string PageUrl(int page) => ListUrl(Query.RouteValues(page: page));

    /// <summary>The sort keys with the labels of their columns, for the phone's sort select.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> SortLabels =
        [("name", "User name"), ("email", "Email"), ("role", "Role"), ("status", "Status"), ("created", "Created")];

    public string SortUrl(string key) => ListUrl(Query.RouteValues(page: 1, sort: Query.SortFor(key)));

    private string ListUrl(Dictionary<string, string?> values) =>
        QueryHelpers.AddQueryString(IndexUrl, values.Where(v => v.Value is not null));

    // The list's own path, made once per request: every sort and page link starts with it.
    private string IndexUrl => indexUrl ??= Url.Page("Index")!;
    private string? indexUrl;

    public string? AriaSort(string key) => Query.SortKey != key ? null : Query.Descending ? "descending" : "ascending";

    /// <summary>An email that may break on a phone only after a dot or before the @ (each piece HTML-encoded).</summary>
    public static Microsoft.AspNetCore.Html.HtmlString EmailWithBreaks(string email) =>
        new(string.Join("<wbr>", EmailBreaks().Split(email).Select(System.Net.WebUtility.HtmlEncode)));

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\.)|(?=@)")]
    private static partial System.Text.RegularExpressions.Regex EmailBreaks();
}
