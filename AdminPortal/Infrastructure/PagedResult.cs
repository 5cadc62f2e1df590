using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Infrastructure;

/// <summary>
/// One page of a query, read with one COUNT and one Skip/Take in SQL. Same shape as X.PagedList's IPagedList
/// (not available here, TOOLCHAIN.md), so moving to it later is a small change.
/// </summary>
public sealed class PagedResult<T>
{
    public const int MaxPageSize = 100;

    private PagedResult(IReadOnlyList<T> items, int pageNumber, int pageSize, int totalItemCount)
    {
        Items = items;
        PageNumber = pageNumber;
        PageSize = pageSize;
        TotalItemCount = totalItemCount;
    }

    public IReadOnlyList<T> Items { get; }
    public int PageNumber { get; }
    public int PageSize { get; }
    public int TotalItemCount { get; }
    public int PageCount => TotalItemCount == 0 ? 1 : (TotalItemCount + PageSize - 1) / PageSize;
    public bool HasPreviousPage => PageNumber > 1;
    public bool HasNextPage => PageNumber < PageCount;

    /// <summary>A page number past the end shows the last page; sizes are clamped to 1–<see cref="MaxPageSize"/>.</summary>
    public static async Task<PagedResult<T>> CreateAsync(IQueryable<T> orderedQuery, int pageNumber, int pageSize,
        CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await orderedQuery.CountAsync(cancellationToken);
        var pageCount = total == 0 ? 1 : (total + pageSize - 1) / pageSize;
        pageNumber = Math.Clamp(pageNumber, 1, pageCount);
        var items = await orderedQuery.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<T>(items, pageNumber, pageSize, total);
    }
}
