using System.Collections;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Infrastructure;

/// <summary>
/// One page of a query, with the shape of X.PagedList's IPagedList (not available on this machine, TOOLCHAIN.md) so that
/// moving to it later is a small change. Built by one COUNT and one Skip/Take query.
/// </summary>
public sealed class PagedList<T> : IReadOnlyList<T>
{
    private readonly IReadOnlyList<T> _items;

    public PagedList(IReadOnlyList<T> items, int pageNumber, int pageSize, int totalItemCount)
    {
        _items = items;
        PageNumber = pageNumber;
        PageSize = pageSize;
        TotalItemCount = totalItemCount;
    }

    /// <summary>
    /// False when counting every item would cost too much: there are then more than <see cref="TotalItemCount"/> items,
    /// at least one after this page, and the last page is not known.
    /// </summary>
    public bool IsTotalExact { get; init; } = true;

    public int PageNumber { get; }
    public int PageSize { get; }
    public int TotalItemCount { get; }
    public int PageCount => IsTotalExact
        ? TotalItemCount == 0 ? 0 : (int)Math.Ceiling(TotalItemCount / (double)PageSize)
        : Math.Max((int)Math.Ceiling(TotalItemCount / (double)PageSize), PageNumber + 1);
    public bool HasPreviousPage => PageNumber > 1;
    public bool HasNextPage => PageNumber < PageCount;
    public bool IsFirstPage => PageNumber == 1;
    public bool IsLastPage => PageNumber >= PageCount;
    public int FirstItemOnPage => TotalItemCount == 0 ? 0 : (PageNumber - 1) * PageSize + 1;
    public int LastItemOnPage => IsTotalExact ? Math.Min(PageNumber * PageSize, TotalItemCount) : (PageNumber - 1) * PageSize + _items.Count;

    public int Count => _items.Count;
    public T this[int index] => _items[index];
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A page number past the end gives the last page, so an old link still shows something.</summary>
    public static async Task<PagedList<T>> CreateAsync(IQueryable<T> query, int pageNumber, int pageSize, CancellationToken cancellationToken = default) =>
        await CreateAsync(query, await query.CountAsync(cancellationToken), pageNumber, pageSize, cancellationToken);

    /// <summary>
    /// The same, counting no further than <paramref name="countLimit"/>: past it the total is a lower bound
    /// (<see cref="IsTotalExact"/> false) and one row past the page tells whether there is a next one, so a page of a
    /// table with millions of rows costs what the page costs, not a count of every row.
    /// </summary>
    /// <param name="window">Reads <c>take</c> items after the first <c>skip</c> of the query, in its order; by default
    /// <c>query.Skip(skip).Take(take)</c>.</param>
    public static async Task<PagedList<T>> CreateCappedAsync(IQueryable<T> query, int countLimit, int pageNumber, int pageSize,
        CancellationToken cancellationToken = default, Func<int, int, IQueryable<T>>? window = null)
    {
        var counted = await query.Take(countLimit + 1).CountAsync(cancellationToken);
        return counted <= countLimit
            ? await CreateAsync(query, counted, pageNumber, pageSize, cancellationToken, window)
            : await CreatePastLimitAsync(query, countLimit, pageNumber, pageSize, cancellationToken, window);
    }

    /// <summary>
    /// A page of a query known to hold more than <paramref name="countLimit"/> items: one row past the page tells whether
    /// there is a next one; a page past the end gives the first page (an old link).
    /// </summary>
    public static async Task<PagedList<T>> CreatePastLimitAsync(IQueryable<T> query, int countLimit, int pageNumber, int pageSize,
        CancellationToken cancellationToken = default, Func<int, int, IQueryable<T>>? window = null)
    {
        var page = Math.Max(1, pageNumber);
        var offset = (page - 1) * pageSize;
        var rows = await Window(query, window)(offset, pageSize + 1).ToListAsync(cancellationToken);
        if (rows.Count == 0 && page > 1)
        {
            return await CreatePastLimitAsync(query, countLimit, 1, pageSize, cancellationToken, window);
        }
        return rows.Count <= pageSize
            ? new PagedList<T>(rows, page, pageSize, offset + rows.Count) // the end: now the total is known
            : new PagedList<T>(rows[..pageSize], page, pageSize, Math.Max(countLimit, offset + pageSize)) { IsTotalExact = false };
    }

    /// <summary>The same, with the total already known (kept elsewhere, cheaper than counting the query).</summary>
    public static async Task<PagedList<T>> CreateAsync(IQueryable<T> query, int total, int pageNumber, int pageSize,
        CancellationToken cancellationToken = default, Func<int, int, IQueryable<T>>? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var lastPage = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        var page = Math.Clamp(pageNumber, 1, lastPage);
        var items = total == 0 ? [] : await Window(query, window)((page - 1) * pageSize, pageSize).ToListAsync(cancellationToken);
        return new PagedList<T>(items, page, pageSize, total);
    }

    private static Func<int, int, IQueryable<T>> Window(IQueryable<T> query, Func<int, int, IQueryable<T>>? window) =>
        window ?? ((skip, take) => query.Skip(skip).Take(take));
}
