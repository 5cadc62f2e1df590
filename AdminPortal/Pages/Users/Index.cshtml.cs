using AdminPortal.Accounts;
using AdminPortal.Infrastructure;
using AdminPortal.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Pages.Users;

/// <summary>The user list: everything (search, filters, sort, page, size) lives in the query string.</summary>
public class IndexModel(UserDirectory directory) : PageModel
{
    public UserListQuery Query { get; private set; } = UserListQuery.From(null, null, null, null, null, null);
    public PagedList<UserRow> Users { get; private set; } = new([], 1, UserListQuery.DefaultSize, 0);
    public int? CurrentAccountId { get; private set; }

    // "page" is also the route value that names a Razor page: read it from the query string only.
    public async Task OnGetAsync(string? q, string? role, string? status, string? sort, [FromQuery(Name = "page")] string? page,
        string? size, CancellationToken cancellationToken)
    {
        Query = UserListQuery.From(q, role, status, sort, page, size);
        Users = await directory.ListAsync(Query, cancellationToken);
        CurrentAccountId = HttpContext.GetCurrentAccount()?.Id;
    }

    public string PageUrl(int page) => ListUrl(Query.RouteValues(page: page));

    public string SortUrl(string key) => ListUrl(Query.RouteValues(page: 1, sort: Query.SortFor(key)));

    // Url.Page would drop a "page" value (it names the Razor page), so the query string is built here.
    private string ListUrl(Dictionary<string, string?> values) =>
        Url.Page("Index") + QueryString.Create(values.Where(v => v.Value is not null));

    public string? AriaSort(string key) => Query.SortKey != key ? null : Query.Descending ? "descending" : "ascending";
}
